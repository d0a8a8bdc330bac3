public import Templates

extension FieldChange {
    /// This change as a reviewer reads it: a report line or widget by the parts that changed
    /// (`line revenue: label "Omzet" → "Netto-omzet"`), anything else as field old → new.
    public var readable: [ReadableChange] { ReadableChange.of(field: field, old: old, new: new) }
}
