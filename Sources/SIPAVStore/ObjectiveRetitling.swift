/// The new value of `individual_objectives.retitled_after_rating` when a row is written again from files or an upload
/// (SQL/0037): set when the title changes while the row's rating is kept; cleared when the ratings change (they were
/// given again); else as it was.
public enum ObjectiveRetitling {
    /// The SQL expression over the stored row's alias and the incoming row's (`EXCLUDED`, a staged table).
    public static func sql(stored o: String, incoming i: String) -> String {
        """
        CASE WHEN (\(o).cosa, \(o).come) IS DISTINCT FROM (\(i).cosa, \(i).come) THEN false \
        WHEN \(o).cosa IS NOT NULL AND \(o).title IS DISTINCT FROM \(i).title THEN true \
        ELSE \(o).retitled_after_rating END
        """
    }
}
