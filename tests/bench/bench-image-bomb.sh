#!/bin/sh
# Benchmark (not a test): homeward-cli hash on a decompression bomb, a
# 30000 x 30000 PNG of 2.6 MB that is 2.7 GB once decoded (issue 14, item 4:
# target refused in under 0.1 s and 100 MB peak memory), and for comparison
# on a 4000 x 3000 PNG that is hashed. Wall time and peak RSS come from
# /usr/bin/time.
#
#   tests/bench/bench-image-bomb.sh [BUILDDIR]
#
# Needs python3 (its zlib module) to write the pictures.
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$top/_build}
cli="$build/src/homeward-cli"

work=$(mktemp -d /tmp/hw-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT

# Rows of black pixels deflated once per block of rows and flushed, the
# block repeated: deflate blocks after a flush start on a byte boundary and
# refer back only to zeros. The photo is a gradient, compressed as it is.
python3 - "$work" <<'EOF'
import struct, sys, zlib

def png(path, width, height, idat):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", idat) + chunk(b"IEND", b""))

side, rows = 30000, 1000
row = 1 + 3 * side
block = zlib.compressobj(9)
block = block.compress(bytes(row * rows)) + block.flush(zlib.Z_SYNC_FLUSH)
total = row * side
png(sys.argv[1] + "/bomb.png", side, side,
    block[:2] + block[2:] * (side // rows) + b"\x03\x00" + struct.pack(">I", (total % 65521) << 16 | 1))

width, height = 4000, 3000
reds = bytes(x * 255 // width for x in range(width))
blues = bytes(i % 256 for i in range(width + 256))
compressor = zlib.compressobj(6)
idat = []
for y in range(height):
    line = bytearray(3 * width)
    line[0::3] = reds
    line[1::3] = bytes([y * 255 // height]) * width
    line[2::3] = blues[y % 256:y % 256 + width]
    idat.append(compressor.compress(b"\x00" + bytes(line)))
png(sys.argv[1] + "/photo.png", width, height, b"".join(idat) + compressor.flush())
EOF

measure () {
  label=$1
  shift
  status=0
  /usr/bin/time -f '%e %M' -o "$work/time" "$@" >"$work/out" 2>"$work/err" || status=$?
  # the last line: time says first when the command failed
  last=$(tail -n 1 "$work/time")
  seconds=${last% *}
  kb=${last#* }
  printf '%s: exit %d, %s s, peak %d MB\n' "$label" "$status" "$seconds" $((kb / 1024))
  sed 's/^/  /' "$work/out" "$work/err"
}

printf 'bomb.png: %s bytes\n' "$(wc -c <"$work/bomb.png")"
measure "hash 30000x30000 PNG bomb (target < 0.1 s, < 100 MB)" "$cli" hash "$work/bomb.png"
measure "hash 4000x3000 PNG" "$cli" hash "$work/photo.png"
