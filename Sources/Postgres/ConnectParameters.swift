import Foundation

/// The keyword/value pairs given to `PQconnectdbParams`: our defaults first, then the caller's conninfo,
/// then what must hold whatever the conninfo says.
///
/// libpq reads the pairs in order and the last value of a keyword wins; the conninfo (a URL or
/// `key=value` text) travels as `dbname` with `expand_dbname` set, so it expands in place and overrides
/// the defaults before it. A default is left out when its `PG*` environment variable is set, because libpq
/// consults the environment only for keywords nobody gave.
enum ConnectParameters {
    private static let defaults: [(keyword: String, value: String, environment: String?)] = [
        // A server that does not answer should fail the command, not hang it.
        ("connect_timeout", "10", "PGCONNECT_TIMEOUT"),
        // A peer that vanished (network cut, host down) is noticed while waiting for a result.
        ("keepalives", "1", nil),
        ("keepalives_idle", "30", nil),
        ("keepalives_interval", "10", nil),
        ("keepalives_count", "3", nil),
        // Data sent to a peer that vanished is given up on after a minute rather than the kernel's 15.
        ("tcp_user_timeout", "60000", nil),
        ("fallback_application_name", "sipav", nil),
    ]

    /// The text forms the decoders read: ISO dates and hex bytea, whatever the server's own defaults. Added after
    /// the options of `PGOPTIONS`, which libpq would otherwise take instead of them.
    static let decoderOptions = "-c DateStyle=ISO,YMD -c bytea_output=hex"

    static func pairs(conninfo: String?, environment: (String) -> String? = { getenv($0).map { String(cString: $0) } })
        -> [(keyword: String, value: String)] {
        var pairs = defaults
            .filter { $0.environment.map { environment($0) == nil } ?? true }
            .map { (keyword: $0.keyword, value: $0.value) }
        let userOptions = environment("PGOPTIONS")?.trimmingCharacters(in: .whitespaces) ?? ""
        pairs.append((keyword: "options", value: userOptions.isEmpty ? decoderOptions : userOptions + " " + decoderOptions))
        if let conninfo { pairs.append((keyword: "dbname", value: conninfo)) }
        // Swift strings are UTF-8; any other client encoding would garble every value both ways.
        pairs.append((keyword: "client_encoding", value: "UTF8"))
        return pairs
    }
}
