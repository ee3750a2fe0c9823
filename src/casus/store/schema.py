"""The DuckDB schema: articles, actors, mentions, events, claims, ingest_runs.

Every event and claim points to its article (foreign keys hold) and carries
its evidence span, so any number in a report can be traced to a sentence.
Articles are keyed by a hash of their text: the same text is the same article,
whatever file or feed it came from, which makes re-ingesting a no-op.
"""

from __future__ import annotations

SCHEMA_VERSION = 1

DDL = [
    """CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS ingest_runs (
        run_id BIGINT PRIMARY KEY,
        started_at TIMESTAMP NOT NULL,
        finished_at TIMESTAMP,
        engine VARCHAR NOT NULL,
        inputs VARCHAR,
        casus_version VARCHAR,
        articles_added BIGINT DEFAULT 0,
        articles_skipped BIGINT DEFAULT 0,
        errors BIGINT DEFAULT 0,
        status VARCHAR NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS articles (
        key VARCHAR PRIMARY KEY,
        id VARCHAR,
        content_hash VARCHAR,
        title VARCHAR,
        url VARCHAR,
        source VARCHAR,
        lang VARCHAR,
        pub_date DATE,
        path VARCHAR,
        n_chars INTEGER,
        status VARCHAR NOT NULL,
        error VARCHAR,
        run_id BIGINT,
        ingested_at TIMESTAMP,
        text VARCHAR
    )""",
    """CREATE TABLE IF NOT EXISTS actors (
        code VARCHAR PRIMARY KEY,
        country VARCHAR,
        name VARCHAR,
        kind VARCHAR,
        role VARCHAR
    )""",
    """CREATE TABLE IF NOT EXISTS mentions (
        article_key VARCHAR NOT NULL REFERENCES articles(key),
        seq INTEGER NOT NULL,
        actor_code VARCHAR NOT NULL REFERENCES actors(code),
        country VARCHAR,
        start INTEGER,
        "end" INTEGER,
        text VARCHAR,
        via VARCHAR,
        PRIMARY KEY (article_key, seq)
    )""",
    """CREATE TABLE IF NOT EXISTS events (
        article_key VARCHAR NOT NULL REFERENCES articles(key),
        seq INTEGER NOT NULL,
        sentence INTEGER,
        type VARCHAR NOT NULL,
        mode VARCHAR,
        source_code VARCHAR,
        source_country VARCHAR,
        source_name VARCHAR,
        source_kind VARCHAR,
        target_code VARCHAR,
        target_country VARCHAR,
        target_name VARCHAR,
        target_kind VARCHAR,
        date VARCHAR,
        date_precision VARCHAR,
        day DATE,
        modality VARCHAR NOT NULL,
        confidence DOUBLE,
        evidence_text VARCHAR,
        evidence_start INTEGER,
        evidence_end INTEGER,
        trigger VARCHAR,
        PRIMARY KEY (article_key, seq)
    )""",
    """CREATE TABLE IF NOT EXISTS claims (
        article_key VARCHAR NOT NULL REFERENCES articles(key),
        seq INTEGER NOT NULL,
        phrase VARCHAR,
        band VARCHAR,
        probability DOUBLE,
        low DOUBLE,
        high DOUBLE,
        event_seq INTEGER,
        sentence INTEGER,
        lang VARCHAR,
        evidence_text VARCHAR,
        evidence_start INTEGER,
        evidence_end INTEGER,
        proposition VARCHAR,
        PRIMARY KEY (article_key, seq)
    )""",
]

# column order of each table as written by casus.store.rows (kept in one place)
COLUMNS = {
    "articles": ["key", "id", "content_hash", "title", "url", "source", "lang", "pub_date", "path", "n_chars",
                 "status", "error", "run_id", "ingested_at", "text"],
    "actors": ["code", "country", "name", "kind", "role"],
    "mentions": ["article_key", "seq", "actor_code", "country", "start", "end", "text", "via"],
    "events": ["article_key", "seq", "sentence", "type", "mode", "source_code", "source_country", "source_name",
               "source_kind", "target_code", "target_country", "target_name", "target_kind", "date",
               "date_precision", "day", "modality", "confidence", "evidence_text", "evidence_start",
               "evidence_end", "trigger"],
    "claims": ["article_key", "seq", "phrase", "band", "probability", "low", "high", "event_seq", "sentence",
               "lang", "evidence_text", "evidence_start", "evidence_end", "proposition"],
}
