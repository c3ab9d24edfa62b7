import NCCModel
import Screen

/// A form that adds or edits one record (or records a minute-taking entry): labelled fields, each
/// checked as it is left and again on save, with the error shown at the field.
public struct FormState: Sendable {
    public enum Purpose: Sendable, Hashable {
        case add(Kind)
        case edit(RecordRef)
        /// The feedback (1-5) on an engagement that is done.
        case feedback(engagement: String)
        /// An action item of a meeting: it also becomes a linked task.
        case actionItem(meeting: String)
        case decision(meeting: String)
        case note(meeting: String)
    }

    public var title: String
    public var purpose: Purpose
    public var fields: [FormField]
    public var focused = 0
    /// A problem with the whole form (the store refused it).
    public var error: String?

    public init(title: String, purpose: Purpose, fields: [FormField]) {
        self.title = title
        self.purpose = purpose
        self.fields = fields
    }

    public var isChanged: Bool { fields.contains { $0.isChanged } }

    /// The kind whose schema checks the fields.
    public var kind: Kind {
        switch purpose {
        case .add(let kind): kind
        case .edit(let ref): ref.kind
        case .actionItem: .actionItem
        case .feedback: .engagement
        case .decision: .decision
        case .note: .meeting
        }
    }
}

public struct FormField: Sendable {
    public var field: Field
    public var label: String
    public var input: TextInput
    /// Multi-line text (minutes, bios): Enter adds a line, Ctrl-S saves.
    public var area: TextArea?
    public var error: String?
    /// For a reference: the record chosen in the picker (its title is the input's text).
    public var chosenID: String?
    public var choices: [PaletteHit] = []
    public var choice = 0
    let original: String

    public init(_ field: Field, label: String? = nil, value: String = "", chosenID: String? = nil) {
        self.field = field
        self.label = label ?? field.name.replacingOccurrences(of: "_", with: " ").capitalized
        self.original = value
        self.chosenID = chosenID
        if case .longText = field.type {
            area = TextArea(value)
            input = TextInput()
        } else {
            input = TextInput(value)
        }
    }

    public var text: String { area?.text ?? input.text }

    /// The keys the field takes now (an open list of choices takes ↑↓ and Enter).
    public var mode: Mode {
        if isReference && !choices.isEmpty { return .picker }
        if area != nil { return .textArea }
        return field.type == .bool ? .yesNoField : .formField
    }
    public var isChanged: Bool { text != original }
    public var isReference: Bool { field.type.referencedKind != nil }
}

/// Several lines being edited.
public struct TextArea: Sendable, Hashable {
    public var lines: [TextInput]
    public var row: Int

    public init(_ text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { TextInput(String($0)) }
        if lines.isEmpty { lines = [TextInput()] }
        row = lines.count - 1
    }

    public var text: String {
        let joined = lines.map(\.text).joined(separator: "\n")
        return joined
    }

    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .enter:
            let line = lines[row]
            let before = String(line.characters[..<line.cursor])
            let after = String(line.characters[line.cursor...])
            lines[row] = TextInput(before)
            var next = TextInput(after)
            _ = next.handle(.home)
            lines.insert(next, at: row + 1)
            row += 1
        case .up:
            guard row > 0 else { return false }
            row -= 1
        case .down:
            guard row < lines.count - 1 else { return false }
            row += 1
        case .backspace where lines[row].cursor == 0 && row > 0:
            let tail = lines.remove(at: row).text
            row -= 1
            let keep = lines[row].text
            lines[row] = TextInput(keep + tail)
            for _ in 0..<tail.count { _ = lines[row].handle(.left) }
        default:
            return lines[row].handle(key)
        }
        return true
    }
}
