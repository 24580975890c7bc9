#!/bin/sh
# Writes water-notice-libreoffice.docx from water-notice.fodt with
# LibreOffice (Debian: apt-get install libreoffice-writer-nogui).
set -e
cd "$(dirname "$0")"
out=$(mktemp -d)
soffice --headless --convert-to docx:"MS Word 2007 XML" --outdir "$out" water-notice.fodt >/dev/null
mv "$out/water-notice.docx" water-notice-libreoffice.docx
rmdir "$out"
