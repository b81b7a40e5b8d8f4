/// The people whose objectives were not all read, because a row of the file had a fault. The rules over a person's
/// objectives taken together (weights summing to 100, each code once, every objective rated, at least one objective)
/// wait for those rows to be mended: said now, they would be about rows that are not there.
public enum UnreadObjectives: Sendable, Equatable {
    /// Every row was read.
    case none
    /// The rows of these people (staff positions) with a fault were left out.
    case people(Set<Int>)
    /// A row was refused for its shape (too many fields, say): whose it was is not known.
    case everyone

    public func includes(_ person: Int) -> Bool {
        switch self {
        case .none: false
        case let .people(people): people.contains(person)
        case .everyone: true
        }
    }
}
