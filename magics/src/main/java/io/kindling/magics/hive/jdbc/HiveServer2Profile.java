package io.kindling.magics.hive.jdbc;

import io.kindling.magics.config.ProfileSection;
import io.kindling.magics.config.Secret;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * How to reach one HiveServer2-protocol server (Hive, Kyuubi, Spark Thrift Server) over JDBC: a profile of
 * the profiles file whose {@code url} is a {@code jdbc:hive2://} (or {@code jdbc:kyuubi://}) address.
 * <pre>
 * warehouse:
 *   url: jdbc:hive2://hive.example.com:10000/rides
 *   user: alice
 *   password_env: HIVE_PASSWORD          # or password_file: ~/.hive-password; never password:
 *   conf: {hive.exec.dynamic.partition.mode: nonstrict}
 *   fetch_size: 10000
 * </pre>
 * {@code conf} entries are sent as {@code SET key=value} right after connecting. The password is only ever
 * referenced: {@link #toString()} and {@link #describe()} name where it comes from, never its value.
 *
 * @param name      the profile's name, shown in errors
 * @param url       the JDBC URL, checked to start with {@code jdbc:hive2://} or {@code jdbc:kyuubi://} and to
 *                  name a host and port; it may carry the driver's own session settings ({@code ;transportMode=http})
 * @param user      the user sessions open as
 * @param password  for servers with LDAP or custom (PLAIN SASL) authentication
 * @param conf      session settings, sent as {@code SET key=value} in this (the file's) order
 * @param fetchSize rows per fetch from the server
 */
public record HiveServer2Profile(String name, String url, String user, Optional<Secret> password,
                                 Map<String, String> conf, int fetchSize) {
    /** Rows per fetch unless the profile says otherwise: HiveServer2's own cap on a fetch. */
    public static final int DEFAULT_FETCH_SIZE = 10_000;
    /** The keys a HiveServer2 profile may have. */
    public static final Set<String> KEYS = Set.of("url", "user", "password_env", "password_file", "conf", "fetch_size");

    private static final Pattern URL_PREFIX = Pattern.compile("jdbc:(hive2|kyuubi)://.*", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern CONF_KEY = Pattern.compile("[A-Za-z0-9_.:\\-]+");

    public HiveServer2Profile {
        requireNonNull(name, "name is null");
        requireNonNull(url, "url is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
        conf = Collections.unmodifiableMap(new LinkedHashMap<>(conf));   // keeps the file's order: SETs go in it
        if (fetchSize < 1) {
            throw new IllegalArgumentException("fetchSize must be positive, got " + fetchSize);
        }
        String problem = urlProblem(url);
        if (problem != null) {
            throw new IllegalArgumentException("profile '" + name + "': " + problem);
        }
    }

    /**
     * The profile {@code name} of the profiles file: {@code node} is its mapping. Every mistake is a
     * {@code BAD_PROFILE} error with the file's line: an unknown key, a missing or malformed {@code url},
     * a password written inline (in the file or in the URL), a bad {@code conf} key or {@code fetch_size}.
     *
     * @param environment for the default user ({@code USER})
     */
    public static HiveServer2Profile parse(String name, ProfileSection node, Map<String, String> environment) {
        requireNonNull(name, "name is null");
        requireNonNull(node, "node is null");
        Optional<Secret> password = node.secret("password");
        node.checkKeys(KEYS);
        String url = node.text("url").orElseThrow(() -> node.error("needs a url, e.g. url: jdbc:hive2://host:10000/default"));
        String problem = urlProblem(url);
        if (problem != null) {
            throw node.error("url", problem);
        }
        Map<String, String> conf = node.strings("conf");
        for (Map.Entry<String, String> entry : conf.entrySet()) {
            if (!CONF_KEY.matcher(entry.getKey()).matches()) {
                throw node.section("conf").error(entry.getKey(), "'" + entry.getKey() + "' is not a setting name (letters, digits, . _ - :)");
            }
            if (entry.getValue().indexOf('\n') >= 0 || entry.getValue().indexOf(';') >= 0) {
                throw node.section("conf").error(entry.getKey(), "a value must be one line without ';'");
            }
        }
        return new HiveServer2Profile(name, url, node.text("user").orElse(defaultUser(environment)), password,
                conf, node.positiveInt("fetch_size").orElse(DEFAULT_FETCH_SIZE));
    }

    /** The {@code host:port} the URL names (several, comma-separated, for ZooKeeper discovery), for messages. */
    public String address() {
        return authority(url);
    }

    /** One line for listings, e.g. {@code warehouse: alice@jdbc:hive2://h:10000/rides, password <from environment variable P>}. */
    public String describe() {
        return name + ": " + user + "@" + url + password.map(p -> ", password " + p).orElse("");
    }

    /** Null when {@code url} is a usable HiveServer2 JDBC URL, else what is wrong with it. */
    static String urlProblem(String url) {
        // First, and without quoting the URL: a URL with a password must not be echoed into an error.
        if (url.toLowerCase(Locale.ROOT).matches("(?s).*[;?#&]\\s*(password|truststorepassword|keystorepassword)\\s*=.*")) {
            return "a password in the URL would sit in the profiles file; use password_env (an environment variable) "
                    + "or password_file (a file readable only by you)";
        }
        if (!URL_PREFIX.matcher(url).matches()) {
            return "'" + url + "' is not a HiveServer2 JDBC URL: it must start with jdbc:hive2:// (or jdbc:kyuubi://), "
                    + "e.g. jdbc:hive2://host:10000/default";
        }
        String authority = authority(url);
        if (authority.isEmpty()) {
            return "'" + url + "' names no host: write jdbc:hive2://host:port/database";
        }
        for (String hostPort : authority.split(",")) {
            int colon = hostPort.lastIndexOf(':');
            String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
            String port = colon < 0 ? "" : hostPort.substring(colon + 1);
            if (host.isEmpty()) {
                return "'" + url + "' names no host: write jdbc:hive2://host:port/database";
            }
            if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65_535) {
                return "'" + url + "' names no port for " + host + ": write jdbc:hive2://" + host + ":10000/database";
            }
        }
        if (url.toLowerCase(Locale.ROOT).matches("(?s).*[;?#&]\\s*user\\s*=.*")) {
            return "the user goes in the profile's user: setting, not in the URL";
        }
        return null;
    }

    /** What lies between {@code //} and the first {@code / ; ? #}. */
    private static String authority(String url) {
        int start = url.indexOf("//") + 2;
        int end = start;
        while (end < url.length() && "/;?#".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        return url.substring(start, end);
    }

    private static String defaultUser(Map<String, String> environment) {
        return environment.getOrDefault("USER", System.getProperty("user.name", "kindling"));
    }
}
