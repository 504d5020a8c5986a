#!/usr/bin/env bash
# Bytes per service record (#22, goal 7): every table's and index's pages as SQLite's dbstat
# counts them, divided by the number of service records, largest first, and the whole file.
#
# Usage: tools/bytes-per-record.sh [DB] [TOP]
#   DB   default target/bench-data/ledger-10000-v4.sqlite (made by `cargo bench --bench
#        volunteer_search`, or `volunteer-ledger demo --volunteers 10000 --db FILE`; 662 bytes per
#        record at schema version 23, 733 at 21)
#   TOP  how many tables and indexes to list, default 25
# Needs: sqlite3 (apt-get install sqlite3). Reads the file only.
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${1:-target/bench-data/ledger-10000-v4.sqlite}
TOP=${2:-25}
[ -f "$DB" ] || { echo "没有 $DB" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "需要 sqlite3（apt-get install sqlite3）" >&2; exit 1; }
sqlite3 -readonly "file:$DB?mode=ro" <<SQL
.mode column
.headers on
WITH n AS (SELECT max(count(*), 1) AS records FROM participations),
     s AS (SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name)
SELECT name AS "表或索引", bytes AS "字节", round(1.0 * bytes / n.records, 1) AS "每条服务记录"
FROM s, n ORDER BY bytes DESC LIMIT $TOP;
WITH n AS (SELECT max(count(*), 1) AS records FROM participations)
SELECT n.records AS "服务记录", sum(pgsize) AS "全部字节",
       round(1.0 * sum(pgsize) / n.records, 1) AS "每条服务记录"
FROM dbstat, n;
SQL
