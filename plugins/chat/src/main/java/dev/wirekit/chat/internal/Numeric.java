package dev.wirekit.chat.internal;

/** The numeric replies the server sends (RFC 1459, RFC 2812, IRCv3 SASL, modern ircdocs). */
final class Numeric {
    private Numeric() {}

    static final String RPL_WELCOME = "001";
    static final String RPL_YOURHOST = "002";
    static final String RPL_CREATED = "003";
    static final String RPL_MYINFO = "004";
    static final String RPL_ISUPPORT = "005";
    static final String RPL_UMODEIS = "221";
    static final String RPL_TRYAGAIN = "263";
    static final String RPL_WHOISUSER = "311";
    static final String RPL_WHOISSERVER = "312";
    static final String RPL_ENDOFWHO = "315";
    static final String RPL_ENDOFWHOIS = "318";
    static final String RPL_WHOISCHANNELS = "319";
    static final String RPL_LIST = "322";
    static final String RPL_LISTEND = "323";
    static final String RPL_CHANNELMODEIS = "324";
    static final String RPL_CREATIONTIME = "329";
    static final String RPL_WHOISACCOUNT = "330";
    static final String RPL_WHOISSECURE = "671";
    static final String RPL_NOTOPIC = "331";
    static final String RPL_TOPIC = "332";
    static final String RPL_TOPICWHOTIME = "333";
    static final String RPL_WHOREPLY = "352";
    static final String RPL_NAMREPLY = "353";
    static final String RPL_ENDOFNAMES = "366";
    static final String RPL_MOTD = "372";
    static final String RPL_MOTDSTART = "375";
    static final String RPL_ENDOFMOTD = "376";
    static final String ERR_NOSUCHNICK = "401";
    static final String ERR_NOSUCHCHANNEL = "403";
    static final String ERR_CANNOTSENDTOCHAN = "404";
    static final String ERR_TOOMANYCHANNELS = "405";
    static final String ERR_TOOMANYTARGETS = "407";
    static final String ERR_INVALIDCAPCMD = "410";
    static final String ERR_NORECIPIENT = "411";
    static final String ERR_NOTEXTTOSEND = "412";
    static final String ERR_INPUTTOOLONG = "417";
    static final String ERR_UNKNOWNCOMMAND = "421";
    static final String ERR_NOMOTD = "422";
    static final String ERR_NONICKNAMEGIVEN = "431";
    static final String ERR_ERRONEUSNICKNAME = "432";
    static final String ERR_NICKNAMEINUSE = "433";
    static final String ERR_USERNOTINCHANNEL = "441";
    static final String ERR_NOTONCHANNEL = "442";
    static final String ERR_NOTREGISTERED = "451";
    static final String ERR_NEEDMOREPARAMS = "461";
    static final String ERR_ALREADYREGISTERED = "462";
    static final String ERR_PASSWDMISMATCH = "464";
    static final String ERR_UNKNOWNMODE = "472";
    static final String ERR_BADCHANMASK = "476";
    static final String ERR_CHANOPRIVSNEEDED = "482";
    static final String ERR_UMODEUNKNOWNFLAG = "501";
    static final String ERR_USERSDONTMATCH = "502";
    static final String RPL_LOGGEDIN = "900";
    static final String RPL_SASLSUCCESS = "903";
    static final String ERR_SASLFAIL = "904";
    static final String ERR_SASLTOOLONG = "905";
    static final String ERR_SASLABORTED = "906";
    static final String ERR_SASLALREADY = "907";
    static final String RPL_SASLMECHS = "908";
}
