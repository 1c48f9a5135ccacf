package dev.wirekit.chat.internal;

import dev.wirekit.chat.AccountStore;

/** The account side of a server: the store, the offline mailbox, and the login throttle. */
final class Accounts {
    final AccountStore store;
    final Mailbox mailbox;
    final LoginThrottle throttle;

    Accounts(AccountStore store, Mailbox mailbox, LoginThrottle throttle) {
        this.store = store;
        this.mailbox = mailbox;
        this.throttle = throttle;
    }
}
