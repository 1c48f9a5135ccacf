package dev.wirekit.scanner;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Runs Debian's nmap as the reference connect scanner and reads its XML output. */
final class Nmap {
    private Nmap() {}

    static boolean available() {
        return NetworkNamespace.onPath("nmap");
    }

    /** {@code nmap -sT -Pn -n -p PORTS ADDRESS}: the state of every port nmap reports, by number. */
    static Map<Integer, String> connectScan(InetAddress address, String ports, String... extra)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("nmap", "-sT", "-Pn", "-n", "--reason", "-p", ports));
        command.addAll(List.of(extra));
        if (address instanceof Inet6Address) {
            command.add("-6");
        }
        command.addAll(List.of("-oX", "-", address.getHostAddress()));
        String xml = NetworkNamespace.run(command.toArray(String[]::new));
        try {
            var doc = DocumentBuilderFactory.newInstance()
                    .newDocumentBuilder()
                    .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
            Map<Integer, String> states = new TreeMap<>();
            NodeList ports_ = doc.getElementsByTagName("port");
            for (int i = 0; i < ports_.getLength(); i++) {
                Element port = (Element) ports_.item(i);
                Element state = (Element) port.getElementsByTagName("state").item(0);
                states.put(Integer.parseInt(port.getAttribute("portid")), state.getAttribute("state"));
            }
            return states;
        } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new IOException("cannot read nmap's XML: " + e.getMessage() + "\n" + xml, e);
        }
    }

    /** The ports nmap found open. */
    static List<Integer> open(Map<Integer, String> states) {
        return states.entrySet().stream()
                .filter(e -> e.getValue().equals("open"))
                .map(Map.Entry::getKey)
                .toList();
    }
}
