#!/bin/sh
# Re-records the fmt test vectors and the IsPrint table with a real Go
# toolchain (1.27 to match go.mod). GO names the go binary (default: go).
set -eu
cd "$(dirname "$0")"
GO=${GO:-go}
export GOTOOLCHAIN=local
"$GO" run . > vectors.txt.new
mv vectors.txt.new vectors.txt
(cd isprint && "$GO" run .) > ../../src/format/isprint_table.rs.new
mv ../../src/format/isprint_table.rs.new ../../src/format/isprint_table.rs
echo "vectors: $(wc -l < vectors.txt) lines; isprint table: $(grep -c '^    (' ../../src/format/isprint_table.rs) ranges"
