#!/usr/bin/env bash
# Times the expiry-notice scan's one query (Notices/ExpiryNoticeScan.DueTokens, the SQL EF Core sends on SQLite) at a
# million tokens, and prints SQLite's plan for it: it must SEARCH the NoticeDueAt index, never SCAN the table.
# Usage: bench/notice-scan-query.sh   (needs sqlite3; about a minute; writes only a temporary file)
set -euo pipefail
db=$(mktemp --suffix=.db)
trap 'rm -f "$db"' EXIT
# NoticeDueAt is stored as EF Core's DateTimeOffsetToBinaryConverter stores it: (UTC ticks << 11) for offset 0.
sqlite3 "$db" <<'SQL'
CREATE TABLE ApiTokens (Id TEXT PRIMARY KEY, OwnerId TEXT NOT NULL, Description TEXT NOT NULL, ExpiresAt INTEGER NOT NULL, NoticeDueAt INTEGER NULL);
CREATE INDEX IX_ApiTokens_NoticeDueAt ON ApiTokens (NoticeDueAt);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000)
INSERT INTO ApiTokens SELECT printf('%036d', i), 'owner' || (i % 20000), 'token ' || i,
  (639000000000000000 + i * 315360000000) << 11,
  -- a token's next notice: spread over the year ahead, 1 in 1000 due now, 1 in 10 already past its last notice
  CASE WHEN i % 10 = 0 THEN NULL WHEN i % 1000 = 1 THEN (638999999000000000) << 11 ELSE (639000000000000000 + i * 300000000000) << 11 END
FROM n;
ANALYZE;
SQL
query="SELECT a.Id, a.Description, a.ExpiresAt, a.NoticeDueAt FROM ApiTokens AS a WHERE a.NoticeDueAt IS NOT NULL AND a.NoticeDueAt <= (639000000000000000 << 11) ORDER BY a.NoticeDueAt LIMIT 200"
echo "Plan:"; sqlite3 "$db" "EXPLAIN QUERY PLAN $query"
echo "Rows due: $(sqlite3 "$db" "SELECT count(*) FROM ($query)")"
sqlite3 "$db" <<SQL
.timer on
$query;
$query;
$query;
SQL
