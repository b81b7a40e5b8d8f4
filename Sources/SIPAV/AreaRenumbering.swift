/// A staff list read before the plan (so that the two are read at once) numbers each person's Area provisionally,
/// in the order the Areas first appear; once the plan is read, each provisional number becomes the Area's index in
/// the plan.
extension Array where Element == StaffMember {
    /// Gives each person with an Area the index `areas[n]` in place of their provisional number `n`.
    public mutating func renumberAreas(_ areas: [Int]) {
        // Through the buffer: each person's Area changed where it lies, without copying the person (and retaining
        // their texts) to read it.
        withUnsafeMutableBufferPointer { people in
            for index in people.indices {
                if let area = people[index].area { people[index].area = areas[area] }
            }
        }
    }
}

extension StaffColumns {
    /// As `[StaffMember].renumberAreas`, for the columns (-1, no Area, stays).
    public mutating func renumberAreas(_ areas: [Int]) {
        area.withUnsafeMutableBufferPointer { area in
            for index in area.indices where area[index] >= 0 {
                area[index] = Int32(areas[Int(area[index])])
            }
        }
    }
}
