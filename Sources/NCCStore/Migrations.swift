import GRDB

/// The schema's history. A shipped migration is never edited: a change is a new migration.
/// (The column lists mirror `NCCModel.Schema`; a test checks that every declared field has a column.)
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 records, operations and search") { db in
            try db.execute(sql: v1)
        }
        migrator.registerMigration("v2 expert matching index") { db in
            // Experts' topics and bios in columns of their own, so matching can weigh them apart.
            try db.execute(
                sql: """
                    CREATE VIRTUAL TABLE expert_text USING fts5(
                        topics, bio, tokenize = "unicode61 remove_diacritics 2"
                    );
                    INSERT INTO expert_text (rowid, topics, bio)
                        SELECT key, coalesce(topics, ''), coalesce(bio, '') FROM expert WHERE deleted = 0;
                    -- How many experts use each word: the inverse document frequency of ranking.
                    CREATE VIRTUAL TABLE expert_words USING fts5vocab(expert_text, 'row');
                    """)
        }
        migrator.registerMigration("v3 sync: conflicts, peers, erasures") { db in
            try db.execute(
                sql: """
                    -- A field's concurrent values that lost the merge and wait for a person to choose.
                    -- Every replica holding the same operations holds the same rows (see Merge).
                    CREATE TABLE conflict (
                        kind TEXT NOT NULL, record TEXT NOT NULL, field TEXT NOT NULL,
                        stamp TEXT NOT NULL, value TEXT NOT NULL,
                        PRIMARY KEY (record, field, stamp)
                    ) WITHOUT ROWID;
                    -- Other installations whose bundles we have seen: their key, our trust in it, and
                    -- what they told us they hold (so the next bundle for them leaves that out).
                    CREATE TABLE peer (
                        replica TEXT PRIMARY KEY,
                        public_key TEXT NOT NULL,
                        trusted INTEGER NOT NULL DEFAULT 0,
                        revoked INTEGER NOT NULL DEFAULT 0,
                        knowledge TEXT NOT NULL DEFAULT '{}',
                        last_import TEXT,
                        last_export TEXT,
                        last_bundle TEXT
                    ) WITHOUT ROWID;
                    -- People (and their expert profiles) whose personal data was erased: any later
                    -- operation on them arrives with those fields blanked.
                    CREATE TABLE erased (record TEXT PRIMARY KEY) WITHOUT ROWID;
                    """)
        }
        migrator.registerMigration("v4 indexes that serve the lists' order") { db in
            // Lists put empty values last (`due IS NULL, due`): an index on those expressions
            // lets SQLite read a page of a million tasks in order instead of sorting them all.
            try db.execute(
                sql: """
                    DROP INDEX task_due;
                    CREATE INDEX task_due ON task(due IS NULL, due, id);
                    """)
        }
        migrator.registerMigration("v5 search index: one-letter prefixes") { db in
            // A filter's first keystroke is one letter, and FTS5 gathers the entries of every word
            // starting with it before it can return any (15 ms over a million tasks). An index of
            // first letters answers it at once (5 ms), for 75% more index (30 MB there) and no
            // measurable time when it is built. FTS5 takes the option only when a table is made.
            try db.execute(
                sql: """
                    CREATE VIRTUAL TABLE search_v5 USING fts5(
                        kind UNINDEXED, record UNINDEXED, title, body, folded,
                        tokenize = "unicode61 remove_diacritics 2", prefix = '1'
                    );
                    INSERT INTO search_v5 (rowid, kind, record, title, body, folded)
                        SELECT rowid, kind, record, title, body, folded FROM search;
                    DROP TABLE search;
                    ALTER TABLE search_v5 RENAME TO search;
                    """)
        }
        migrator.registerMigration("v6 search index: room for 64 kinds") { db in
            // Rowids were `key * 16 + code`, with one code left for the kinds to come; they are now
            // `key * 64 + code` (SearchIndex.kindSlots). The codes and the order of keys stay.
            try db.execute(
                sql: """
                    CREATE VIRTUAL TABLE search_v6 USING fts5(
                        kind UNINDEXED, record UNINDEXED, title, body, folded,
                        tokenize = "unicode61 remove_diacritics 2", prefix = '1'
                    );
                    INSERT INTO search_v6 (rowid, kind, record, title, body, folded)
                        SELECT (rowid / 16) * 64 + rowid % 16, kind, record, title, body, folded FROM search;
                    DROP TABLE search;
                    ALTER TABLE search_v6 RENAME TO search;
                    """)
        }
        migrator.registerMigration("v7 imports that can be undone") { db in
            // An import is undone from the log (StoreWriter.undoLastImport): its operations are
            // the ones it brought, and the records they touched are rebuilt from the others. No
            // copy of the whole database before each import.
            try db.execute(
                sql: """
                    ALTER TABLE op ADD COLUMN import INTEGER;
                    CREATE INDEX op_by_import ON op(import) WHERE import IS NOT NULL;
                    CREATE TABLE import (
                        id INTEGER PRIMARY KEY,
                        at TEXT NOT NULL,
                        producer TEXT NOT NULL,
                        file TEXT NOT NULL,
                        undone_at TEXT
                    );
                    -- The producer's peer row as it was before the import (none: the import made it),
                    -- in the peer table's own columns, so it is read and written back as a peer is.
                    CREATE TABLE import_peer (
                        import INTEGER PRIMARY KEY REFERENCES import (id),
                        replica TEXT NOT NULL,
                        public_key TEXT NOT NULL,
                        trusted INTEGER NOT NULL,
                        revoked INTEGER NOT NULL,
                        knowledge TEXT NOT NULL,
                        last_import TEXT,
                        last_export TEXT,
                        last_bundle TEXT
                    );
                    """)
        }
        migrator.registerMigration("v8 authorship: chains, checkpoints, keys, waiting operations") { db in
            // README, "Bundle format" version 2. A replica's own operations get their chain the
            // first time it writes (StoreWriter.ownChainHead); received ones keep the chain hash
            // verified against their author's checkpoint.
            try db.execute(
                sql: """
                    ALTER TABLE op ADD COLUMN chain TEXT;
                    ALTER TABLE op ADD COLUMN commits TEXT;
                    ALTER TABLE op ADD COLUMN salts TEXT;
                    CREATE TABLE checkpoint (
                        replica TEXT NOT NULL, seq INTEGER NOT NULL, chain TEXT NOT NULL, signature TEXT NOT NULL,
                        import INTEGER,
                        PRIMARY KEY (replica, seq)
                    ) WITHOUT ROWID;
                    ALTER TABLE peer ADD COLUMN agreement_key TEXT;
                    ALTER TABLE peer ADD COLUMN introduced_by TEXT;
                    ALTER TABLE import_peer ADD COLUMN agreement_key TEXT;
                    ALTER TABLE import_peer ADD COLUMN introduced_by TEXT;
                    CREATE TABLE revocation (
                        replica TEXT NOT NULL, public_key TEXT NOT NULL, after INTEGER NOT NULL,
                        by TEXT NOT NULL, signature TEXT NOT NULL,
                        PRIMARY KEY (replica, public_key, by)
                    ) WITHOUT ROWID;
                    -- Operations that arrived but wait aside (README, "Keys and revocation").
                    CREATE TABLE waiting (
                        replica TEXT NOT NULL, seq INTEGER NOT NULL, stamp TEXT NOT NULL, line TEXT NOT NULL,
                        chain TEXT, reason TEXT NOT NULL, via TEXT NOT NULL, import INTEGER,
                        -- The import that applied it at last (kept, so that undoing that import
                        -- sets it aside again); NULL while it waits.
                        released INTEGER,
                        PRIMARY KEY (replica, seq)
                    ) WITHOUT ROWID;
                    """)
        }
        migrator.registerMigration("v9 decisions: proposals, ballots, who speaks for whom") { db in
            try db.execute(
                sql: """
                    CREATE TABLE proposal (\(housekeeping),
                        title TEXT, text TEXT, process TEXT, options TEXT, electorate TEXT, quorum INTEGER,
                        threshold TEXT, opens TEXT, closes TEXT, meeting \(ref("meeting")),
                        working_area \(ref("working_area")), status TEXT, outcome TEXT);
                    CREATE TABLE ballot (\(housekeeping),
                        proposal \(ref("proposal")), choice TEXT, reason TEXT);
                    CREATE TABLE replica_binding (\(housekeeping),
                        replica TEXT, person \(ref("person")));
                    ALTER TABLE decision ADD COLUMN proposal \(ref("proposal"));
                    ALTER TABLE decision ADD COLUMN review TEXT;
                    ALTER TABLE decision ADD COLUMN supersedes \(ref("decision"));
                    ALTER TABLE task ADD COLUMN decision \(ref("decision"));
                    CREATE INDEX proposal_sort ON proposal(sort_key, id);
                    CREATE INDEX proposal_closes ON proposal(closes IS NULL, closes, id);
                    CREATE INDEX proposal_meeting ON proposal(meeting);
                    CREATE INDEX proposal_working_area ON proposal(working_area);
                    CREATE INDEX ballot_proposal ON ballot(proposal);
                    CREATE INDEX replica_binding_person ON replica_binding(person);
                    CREATE INDEX decision_proposal ON decision(proposal);
                    CREATE INDEX decision_supersedes ON decision(supersedes);
                    CREATE INDEX task_decision ON task(decision);
                    -- A tally reads the ballots as their authors cast them, from the log (see Tally).
                    CREATE INDEX op_ballot ON op(json_extract(fields, '$.proposal'), stamp) WHERE kind = 'ballot';
                    CREATE INDEX op_binding ON op(replica, stamp) WHERE kind = 'replica_binding';
                    """)
        }
        migrator.registerMigration("v10 progress: objectives, indicators, measurements, assessments, pathways") { db in
            try db.execute(
                sql: """
                    CREATE TABLE objective (\(housekeeping),
                        title TEXT, working_area \(ref("working_area")), due TEXT, status TEXT, description TEXT);
                    CREATE TABLE indicator (\(housekeeping),
                        title TEXT, objective \(ref("objective")), unit TEXT, direction TEXT, aggregate TEXT,
                        baseline TEXT, target TEXT, due TEXT, description TEXT);
                    CREATE TABLE measurement (\(housekeeping),
                        indicator \(ref("indicator")), centre \(ref("centre")), date TEXT, value TEXT, source TEXT,
                        note TEXT);
                    CREATE TABLE dimension (\(housekeeping),
                        title TEXT, position INTEGER, description TEXT);
                    CREATE TABLE assessment (\(housekeeping),
                        centre \(ref("centre")), round TEXT, date TEXT, dimension \(ref("dimension")), score INTEGER,
                        evidence TEXT, sharing TEXT);
                    CREATE TABLE pathway_step (\(housekeeping),
                        title TEXT, peer_group INTEGER, position INTEGER, type TEXT, meeting \(ref("meeting")),
                        link TEXT, due TEXT, description TEXT);
                    CREATE TABLE step_done (\(housekeeping),
                        step \(ref("pathway_step")), centre \(ref("centre")), date TEXT, note TEXT);
                    ALTER TABLE task ADD COLUMN objective \(ref("objective"));
                    ALTER TABLE decision ADD COLUMN objective \(ref("objective"));
                    ALTER TABLE engagement ADD COLUMN objective \(ref("objective"));
                    CREATE INDEX objective_sort ON objective(sort_key, id);
                    CREATE INDEX objective_working_area ON objective(working_area);
                    CREATE INDEX indicator_sort ON indicator(sort_key, id);
                    CREATE INDEX indicator_objective ON indicator(objective);
                    CREATE INDEX measurement_indicator ON measurement(indicator, centre, date);
                    CREATE INDEX measurement_centre ON measurement(centre);
                    CREATE INDEX measurement_date ON measurement(date, id);
                    CREATE INDEX dimension_sort ON dimension(sort_key, id);
                    CREATE INDEX assessment_centre ON assessment(centre, round, dimension);
                    CREATE INDEX assessment_dimension ON assessment(dimension);
                    CREATE INDEX assessment_date ON assessment(date, id);
                    CREATE INDEX pathway_step_sort ON pathway_step(sort_key, id);
                    CREATE INDEX pathway_step_order ON pathway_step(peer_group, position, id);
                    CREATE INDEX pathway_step_meeting ON pathway_step(meeting);
                    CREATE INDEX step_done_step ON step_done(step, centre);
                    CREATE INDEX step_done_centre ON step_done(centre);
                    CREATE INDEX task_objective ON task(objective);
                    CREATE INDEX decision_objective ON decision(objective);
                    CREATE INDEX engagement_objective ON engagement(objective);
                    """)
        }
        return migrator
    }

    /// Marks a file as an ncc database ('NCC!'), so another application's SQLite file is not mistaken for ours.
    static let applicationID: Int32 = 0x4E43_4321

    // Every record table has the same housekeeping columns:
    //   key         integer alias of the row, stable (used as the search index rowid)
    //   id          the record's UUID
    //   sort_key    the display title folded for ordering (case and diacritics ignored)
    //   deleted     1 once a delete (tombstone) has won
    //   base_stamp  the stamp every field has unless `stamps` names a later one (see README, Sync model)
    //   stamps      JSON object field -> stamp, for fields written after the record was created
    //   created_at, updated_at  UTC times from the stamps, identical on every replica
    // References are deferred so that one transaction may write records in any order.
    static let housekeeping = """
        key INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        sort_key TEXT NOT NULL DEFAULT '',
        deleted INTEGER NOT NULL DEFAULT 0,
        base_stamp TEXT NOT NULL DEFAULT '',
        stamps TEXT,
        created_at TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL DEFAULT ''
        """

    static func ref(_ table: String) -> String {
        "TEXT REFERENCES \(table)(id) DEFERRABLE INITIALLY DEFERRED"
    }

    static let v1 = """
        CREATE TABLE replica_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

        -- The operation log: every change ever made here or received, one row each.
        CREATE TABLE op (
            replica TEXT NOT NULL,
            seq INTEGER NOT NULL,
            stamp TEXT NOT NULL,
            kind TEXT NOT NULL,
            record TEXT NOT NULL,
            fields TEXT NOT NULL,
            prev TEXT NOT NULL DEFAULT '{}',
            PRIMARY KEY (replica, seq)
        ) WITHOUT ROWID;

        CREATE TABLE consortium (\(housekeeping),
            name TEXT, title TEXT, call TEXT, starts TEXT, ends TEXT, lead TEXT, countries TEXT);
        CREATE TABLE centre (\(housekeeping),
            name TEXT, country TEXT, status TEXT, capacity_group INTEGER, website TEXT, email TEXT,
            description TEXT, topics TEXT);
        CREATE TABLE membership (\(housekeeping),
            centre \(ref("centre")), consortium \(ref("consortium")));
        CREATE TABLE organisation (\(housekeeping),
            name TEXT, country TEXT, kind TEXT, centre \(ref("centre")), role TEXT);
        CREATE TABLE person (\(housekeeping),
            name TEXT, organisation \(ref("organisation")), role TEXT, email TEXT, phone TEXT, shareable INTEGER);
        CREATE TABLE expert (\(housekeeping),
            person \(ref("person")), country TEXT, languages TEXT, countries TEXT, topics TEXT,
            availability_days INTEGER, bio TEXT, source TEXT);
        CREATE TABLE need (\(housekeeping),
            centre \(ref("centre")), title TEXT, description TEXT, topics TEXT, languages TEXT, country TEXT,
            deadline TEXT, status TEXT);
        CREATE TABLE engagement (\(housekeeping),
            expert \(ref("expert")), need \(ref("need")), status TEXT, starts TEXT, ends TEXT, feedback INTEGER,
            notes TEXT);
        CREATE TABLE working_area (\(housekeeping),
            number INTEGER, title TEXT, description TEXT);
        CREATE TABLE task (\(housekeeping),
            title TEXT, description TEXT, working_area \(ref("working_area")), owner \(ref("person")),
            centre \(ref("centre")), due TEXT, status TEXT, priority TEXT, origin \(ref("action_item")), tags TEXT);
        CREATE TABLE meeting (\(housekeeping),
            title TEXT, kind TEXT, start TEXT, "end" TEXT, place TEXT, online INTEGER, minutes TEXT);
        CREATE TABLE agenda_item (\(housekeeping),
            meeting \(ref("meeting")), position INTEGER, title TEXT, notes TEXT);
        CREATE TABLE attendance (\(housekeeping),
            meeting \(ref("meeting")), person \(ref("person")));
        CREATE TABLE decision (\(housekeeping),
            meeting \(ref("meeting")), position INTEGER, text TEXT);
        CREATE TABLE action_item (\(housekeeping),
            meeting \(ref("meeting")), text TEXT, owner \(ref("person")), due TEXT, task \(ref("task")));

        -- Lists page by sort key; references are looked up from both ends.
        CREATE INDEX consortium_sort ON consortium(sort_key, id);
        CREATE INDEX centre_sort ON centre(sort_key, id);
        CREATE INDEX centre_country ON centre(country, sort_key);
        CREATE INDEX membership_centre ON membership(centre);
        CREATE INDEX membership_consortium ON membership(consortium);
        CREATE INDEX organisation_sort ON organisation(sort_key, id);
        CREATE INDEX organisation_centre ON organisation(centre);
        CREATE INDEX person_sort ON person(sort_key, id);
        CREATE INDEX person_organisation ON person(organisation);
        CREATE INDEX expert_sort ON expert(sort_key, id);
        CREATE INDEX expert_person ON expert(person);
        CREATE INDEX need_sort ON need(sort_key, id);
        CREATE INDEX need_centre ON need(centre);
        CREATE INDEX engagement_expert ON engagement(expert);
        CREATE INDEX engagement_need ON engagement(need);
        CREATE INDEX working_area_sort ON working_area(sort_key, id);
        CREATE INDEX task_sort ON task(sort_key, id);
        CREATE INDEX task_due ON task(due, id);
        CREATE INDEX task_owner ON task(owner);
        CREATE INDEX task_centre ON task(centre);
        CREATE INDEX task_working_area ON task(working_area);
        CREATE INDEX task_origin ON task(origin);
        CREATE INDEX meeting_start ON meeting(start, id);
        CREATE INDEX meeting_sort ON meeting(sort_key, id);
        CREATE INDEX agenda_item_meeting ON agenda_item(meeting, position);
        CREATE INDEX attendance_meeting ON attendance(meeting);
        CREATE INDEX attendance_person ON attendance(person);
        CREATE INDEX decision_meeting ON decision(meeting, position);
        CREATE INDEX action_item_meeting ON action_item(meeting);
        CREATE INDEX action_item_owner ON action_item(owner);
        CREATE INDEX action_item_task ON action_item(task);

        -- One full-text index over every kind. rowid = record key * 16 + kind code (64 from v6, see SearchIndex).
        -- `folded` holds the accent-free spelling of words unicode61 cannot fold itself (Greek tonos).
        CREATE VIRTUAL TABLE search USING fts5(
            kind UNINDEXED, record UNINDEXED, title, body, folded,
            tokenize = "unicode61 remove_diacritics 2"
        );
        """
}
