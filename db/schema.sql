-- Bundled policy database (read-only at run time; rebuilt by `policy-desk build-db`).
-- JSON columns hold UTF-8 JSON text.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE documents (
    id                TEXT PRIMARY KEY,      -- short stable id, e.g. 'xm'
    title             TEXT NOT NULL,
    short_title       TEXT NOT NULL,
    doc_number        TEXT,                  -- 文号; NULL where the text states none
    issuer            TEXT,
    region_code       TEXT NOT NULL,         -- GB/T 2260 of the issuing government
    region_name       TEXT NOT NULL,
    scope_region_code TEXT NOT NULL,         -- where its measures apply (may be wider than issuer)
    scope_note        TEXT,
    level             TEXT NOT NULL,         -- 省 / 市 / 区县
    doc_type          TEXT NOT NULL,
    issued            TEXT,                  -- ISO date or NULL
    valid_from        TEXT,
    valid_to          TEXT,
    status            TEXT,                  -- e.g. 征求意见稿; NULL = as published
    evidence          TEXT NOT NULL,         -- JSON {field: quote from the text}
    notes             TEXT NOT NULL,         -- JSON [str]: editorial notes about the source
    source_file       TEXT NOT NULL,
    source_sha256     TEXT NOT NULL,
    source_text       TEXT NOT NULL,         -- the document exactly as bundled
    measure_count     INTEGER NOT NULL,      -- items of kind 'measure'
    item_count        INTEGER NOT NULL,
    derived_period    TEXT                   -- JSON {valid_from, valid_to, rule, quote, after}
                                             -- derived from the text (推定), or NULL
);

CREATE TABLE items (
    id                TEXT PRIMARY KEY,      -- stable across rebuilds, e.g. 'xm-30'
    document_id       TEXT NOT NULL REFERENCES documents(id),
    seq               INTEGER NOT NULL,      -- order in the document, 1-based
    kind              TEXT NOT NULL,         -- measure | general | report | problem | preamble
    article           TEXT,                  -- number as printed: '30', '（十四）', '1.', '一是'
    locator           TEXT NOT NULL,         -- what a citation names: article, or 第N项 where unnumbered
    path              TEXT NOT NULL,         -- JSON [heading, ...] above the item
    title             TEXT,                  -- the item's own heading, e.g. '建培育库'
    text              TEXT NOT NULL,         -- full text as in the source
    departments       TEXT NOT NULL,         -- JSON [{name, as_printed, lead, basis}]
    departments_text  TEXT,                  -- the source passage naming the units
    source_notes      TEXT NOT NULL,         -- JSON [str]: e.g. words lost at a cut title
    enterprise_facing INTEGER NOT NULL,      -- 1: an enterprise can claim or use it
    category          TEXT NOT NULL
);

CREATE INDEX items_document ON items(document_id, seq);

-- Reviewed benefits and conditions of enterprise-facing items (from db/benefits/*.yaml, validated
-- at build time: every quote is in the item's text, every structured number in its quote).
CREATE TABLE benefits (
    item_id           TEXT PRIMARY KEY REFERENCES items(id),
    rules             TEXT NOT NULL,         -- JSON, see db/benefits/README.md
    amount_text       TEXT                   -- headline amount as stated (每人1500元), or NULL
);
