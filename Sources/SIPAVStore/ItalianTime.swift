/// Instants as the pages and the command line show them: Italian form, on the clock of Italy (CET in winter, CEST in
/// summer) whatever the time zone of the server or of the database session. PostgreSQL formats them as it reads them.
public enum ItalianTime {
    /// The SQL expression of the `timestamptz` `column` as `25/11/2026 alle 19:05`; with `seconds`,
    /// `25/11/2026 alle 19:05:42`.
    public static func sql(_ column: String, seconds: Bool = false) -> String {
        "to_char(\(column) AT TIME ZONE 'Europe/Rome', 'DD/MM/YYYY \"alle\" HH24:MI\(seconds ? ":SS" : "")')"
    }

    /// The SQL expression of the `timestamptz` `column` as ISO 8601 in UTC, to the second: `2026-11-25T18:05:42Z`, what
    /// a program reads beside the Italian form (`Cell.instant`).
    public static func sqlISO(_ column: String) -> String {
        "to_char(\(column) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
    }

    /// The SQL expression of the day of the `timestamptz` `column` in Italy, as `25/11/2026`.
    public static func sqlDay(_ column: String) -> String {
        "to_char(\(column) AT TIME ZONE 'Europe/Rome', 'DD/MM/YYYY')"
    }

    /// The SQL expression of the JSON `value` as text, an instant (a JSON string as PostgreSQL writes a
    /// `timestamptz` into JSON) written as `sql(_:seconds:)` writes it, as a JSON string.
    public static func sqlJSONText(_ value: String) -> String {
        let instant = #"'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?[+-]\d\d(:\d\d)?$'"#
        return "CASE WHEN jsonb_typeof(\(value)) = 'string' AND (\(value) #>> '{}') ~ \(instant) "
            + "THEN to_jsonb(\(sql("((\(value)) #>> '{}')::timestamptz", seconds: true)))::text ELSE (\(value))::text END"
    }
}
