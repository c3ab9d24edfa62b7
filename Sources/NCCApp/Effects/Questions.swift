import NCCModel
import NCCStore

/// The runner's side of a `Question`: one read each.
extension Runner {
    func answer(_ question: Question) throws -> Answer {
        try read { l in
            let r = l.reader
            switch question {
            case .deleting(let ref): return .title(try r.title(ref.kind, id: ref.id))
            case .editing(let ref): return try RecordForms.editForm(ref, l)
            case .proposing(let expert, let need):
                // A name that cannot be read leaves the question to say "this expert".
                return .titles([(try? r.title(.expert, id: expert)) ?? "", (try? r.title(.need, id: need)) ?? ""])
            case .ownerOfTask(let task):
                guard let owner = try r.record(.task, id: task)?[Fields.Task.owner].text else { return .owner(nil) }
                return .owner((owner, try r.title(.person, id: owner)))
            case .workingAreas:
                return .areas(try r.list(.workingArea, limit: 100).map { ($0.id, $0[Fields.WorkingArea.title].text) })
            case .minuteEntry(_, let meeting), .minutesFile(let meeting):
                return .title(try r.title(.meeting, id: meeting))
            case .reference(_, let kind, let text):
                return FormSaving.check(kind, text, r).map { .refused($0) } ?? .fine
            case .proposal(let proposal, _):
                return try DecisionsPane.terms(of: proposal, r, now: l.now)
            }
        }
    }
}
