import NCCModel
import NCCStore

/// The runner's side of a `Change`: each one transaction through the store's rules.
extension Runner {
    func perform(_ change: Change) -> Changed {
        do {
            switch change {
            case .saveForm(let form): return try FormSaving.save(form, store, today: today)
            case .delete(let ref):
                let title = try store.write { w -> String in
                    let title = try w.reader.title(ref.kind, id: ref.id)
                    try w.delete(ref.kind, id: ref.id)
                    return title
                }
                return .deleted(title: title)
            case .proposeEngagement(let expert, let need):
                if case .already(let status) = try store.write({ try $0.proposeEngagement(expert: expert, need: need) })
                {
                    return .alreadyEngaged(status: status)
                }
                return .proposed
            case .declineEngagement(let engagement):
                try store.write { try $0.declineEngagement(engagement) }
                return .declined
            case .advanceEngagement(let engagement):
                return .engagement(try store.write { try $0.advanceEngagement(engagement, today: today) })
            case .advanceTaskStatus(let task, _):
                return .taskStatus(try store.write { try $0.advanceTaskStatus(task) })
            case .settleConflict(let conflict, let takeOther):
                let value = takeOther ? conflict.other : conflict.current
                try store.write {
                    try $0.resolve(conflict.kind, id: conflict.record, field: conflict.field, value: value)
                }
                return .settled
            case .loadDemo:
                return .demoLoaded(summary: try loadDemo(store))
            case .castBallot(let proposal, let choice, let reason):
                return .decided(try DecisionsPane.cast(on: proposal, choice: choice, reason: reason, store))
            case .closeProposal(let proposal, let review):
                return .decided(try DecisionsPane.close(proposal, review: review, store))
            }
        } catch {
            return .failed(error)
        }
    }
}
