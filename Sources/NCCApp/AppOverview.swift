import Foundation
import NCCExchange
import NCCModel
import NCCStore

/// The Overview pane, and the files the app writes for people: a meeting's minutes (Markdown)
/// and the progress report (HTML). Errors are one line on the message line; nothing else changes.
extension App {
    // MARK: - The Overview

    /// The Overview's lines: the overview itself (reread when the database changed since it was
    /// read), or the record opened from it (Enter; Esc comes back to the overview as it was).
    /// On a large database the counts come later, from the background (`pickUpOverviewCounts`).
    func loadOverview() throws {
        let token = try store.changeToken()
        if overviewCache?.token != token {
            stopOverviewCounting()
            overviewCache = try store.read { r in
                let figures = try OverviewPane.figures(loader(r))
                return OverviewPane.Cache(token: token, figures: figures, counts: figures.large ? nil : try OverviewPane.counts(loader(r), figures))
            }
        }
        if let cache = overviewCache, cache.counts == nil, overviewCounting == nil {
            let job = OverviewCounting(token: cache.token)
            job.start(store: store, figures: cache.figures)
            overviewCounting = job
        }
        try showOverview()
    }

    /// Puts the cached overview (or the record opened from it) into the pane's detail, keeping
    /// the selected line selected when the lines around it change.
    func showOverview() throws {
        guard let cache = overviewCache else { return }
        var detail = state.details[.overview] ?? DetailState()
        let overview = OverviewPane.overview(cache.figures, cache.counts)
        state.overviewTaskLinks = overview.taskLinks
        let before = detail.selected.flatMap { $0 < detail.lines.count ? detail.lines[$0] : nil }
        if let shown = detail.stack.last {
            detail.lines = try store.read { try loader($0).genericDetail(shown) }
        } else {
            if let before, before.target != nil, detail.lines != overview.lines,
               let same = overview.lines.firstIndex(where: { $0.target == before.target && $0.text == before.text && $0.bar?.label == before.bar?.label }) {
                detail.selected = same
            }
            detail.lines = overview.lines
        }
        detail.keepSelectionOnAnOpenableLine()
        state.details[.overview] = detail
    }

    /// Takes the background counts once they are made (at the next event: a key or the tick).
    func pickUpOverviewCounts() {
        guard let job = overviewCounting, let result = job.result else { return }
        overviewCounting = nil
        guard job.token == overviewCache?.token else { return }
        switch result {
        case .success(let counts):
            overviewCache?.counts = counts
            if state.pane == .overview, state.details[.overview]?.stack.isEmpty != false {
                do { try showOverview() } catch { fail(error) }
            }
        case .failure(let error):
            if !(error is CancellationError) { fail(error) }
        }
    }

    /// Stops counting in the background (the user left the Overview; it counts again on return).
    func stopOverviewCounting() {
        overviewCounting?.cancel()
        overviewCounting = nil
    }

    /// The Tasks pane showing only one working area's tasks of one status (Enter on a bar).
    func showTasks(_ link: TaskLink) throws {
        var view = TaskView()
        (view.sortIndex, view.ascending) = (state.tasks.sortIndex, state.tasks.ascending)
        view.status = link.status
        view.area = link.area
        view.areaTitle = link.areaTitle
        state.tasks = view
        state.lists[.tasks]?.filter = TextInput()
        state.details[.tasks] = DetailState()
        try switchTo(.tasks)
        state.region = .list
        state.message = Message("Tasks of \(SyncPane.oneLine(link.areaTitle)), status \(link.status); c clears the filters, 0 goes back to the Overview")
    }

    // MARK: - The progress report

    /// The folder of the database: where written files go unless the user says otherwise.
    var databaseFolder: URL { URL(fileURLWithPath: store.path).deletingLastPathComponent() }

    func startReportExport() {
        let suggestion = databaseFolder.appendingPathComponent("ncc-report-\(today).html").path
        state.modal = .prompt(PromptState(title: "Write the progress report (HTML, the last \(ProgressReport.defaultDays) days)",
                                          label: "File", input: TextInput(suggestion), purpose: .exportReport))
    }

    func exportReport(to path: String) {
        do {
            let written = try ProgressReport(store: store, today: today).write(.html, from: nil, to: nil, file: path)
            state.message = Message("Wrote the progress report to \(SyncPane.oneLine(written))")
        } catch {
            fail(error)
        }
    }

    // MARK: - Minutes

    func startMinutesExport() throws {
        guard let meeting = selectedMeeting else {
            state.message = Message("Select a meeting first", .warning)
            return
        }
        let title = try store.read { try $0.title(.meeting, id: meeting) }
        let suggestion = databaseFolder.appendingPathComponent("\(Self.slug(title, fallback: "minutes")).md").path
        state.modal = .prompt(PromptState(title: "Write the minutes of '\(SyncPane.oneLine(title, limit: 50))' (Markdown)",
                                          label: "File", input: TextInput(suggestion), purpose: .exportMinutes(meeting: meeting)))
    }

    func exportMinutes(_ meeting: String, to path: String) {
        do {
            let written = try MinutesWriter(store: store).write(meeting: meeting, to: path)
            state.message = Message("Wrote the minutes to \(SyncPane.oneLine(written))")
        } catch {
            fail(error)
        }
    }

    /// A file name from a title: lower case ASCII letters and digits, words joined by hyphens
    /// ("Quarterly meeting Q3 (Vilnius)" → "quarterly-meeting-q3-vilnius"); accents are dropped.
    static func slug(_ title: String, fallback: String) -> String {
        let folded = title.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil).lowercased()
        var words: [String] = []
        var word = ""
        for scalar in folded.unicodeScalars {
            if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) {
                word.unicodeScalars.append(scalar)
            } else if !word.isEmpty {
                words.append(word)
                word = ""
            }
        }
        if !word.isEmpty { words.append(word) }
        let slug = String(words.joined(separator: "-").prefix(80))
        return slug.isEmpty ? fallback : slug.hasSuffix("-") ? String(slug.dropLast()) : slug
    }
}
