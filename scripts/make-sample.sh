#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Writes a small folder of documents like those on a Korean public-office PC, with planted SYNTHETIC
# personal data (checksum-valid but invented numbers), in the encodings such PCs hold: UTF-8, UTF-8
# with a BOM (Excel CSV), CP949 ("ANSI" Korean) and UTF-16LE (Excel "Unicode text"). It also holds
# traps that must not be reported (order and document numbers, masked values, barcodes, ISBNs),
# documents (an Excel sheet, a Word letter, a 한글 HWPX form, a PDF, a zip backup) and an
# age-encrypted file.
#   scripts/make-sample.sh DIR     (DIR is emptied first)
set -euo pipefail
dir=${1:?usage: make-sample.sh DIR}
rm -rf "$dir"
mkdir -p "$dir"/{민원,인사,교육,전산,회계,외국인,거래처,보관}

cp949() { iconv -f UTF-8 -t CP949 >"$1"; }
utf16le_bom() { { printf '\xff\xfe'; iconv -f UTF-8 -t UTF-16LE; } >"$1"; }

# Excel-style CSV (UTF-8 with BOM): the column headers are the context for every cell below them.
{
  printf '\xef\xbb\xbf'
  cat <<'EOF'
접수번호,접수일,성명,주민등록번호,연락처,주소,처리상태
2026-000123,2026-11-02,김민수,780312-1526011,010-2841-7730,서울특별시 중구 세종대로 110,처리중
2026-000124,2026-11-02,이서연,850917-2815903,010-9317-2204,서울특별시 종로구 삼청로 37,완료
2026-000125,2026-11-03,박지훈,9105061830161,02-731-6250,서울특별시 마포구 월드컵로 212,완료
2026-000126,2026-11-04,최유진,670228-2613186,010-4420-8817,서울특별시 강남구 테헤란로 152,반려
2026-000127,2026-11-05,정하늘,210314-4948219,010-5523-0194,서울특별시 송파구 올림픽로 300,처리중
EOF
} >"$dir/민원/2026_민원접수대장.csv"

# A letter saved by an old program in CP949.
cp949 "$dir/민원/민원처리결과_통보.txt" <<'EOF'
문서번호: 제2026-00187호
시행일자: 2026년 11월 20일

수신: 이서연 귀하 (주민번호 850917-2815903)

귀하께서 2026년 11월 2일 신청하신 민원(접수번호 2026-000124)의 처리 결과를 알려드립니다.
납부하신 수수료 12,000원은 아래 계좌로 환불됩니다.

  환불계좌: 신한은행 110-436-387740 (예금주 이서연)

문의: 민원봉사과 전화 02-731-6200, 팩스 02-731-6299
EOF

# Excel "Unicode text" export: tab-separated UTF-16LE with a BOM.
utf16le_bom "$dir/인사/직원명부_2026.txt" <<'EOF'
성명	사번	부서	휴대폰	이메일	운전면허번호
한지민	S2026031	총무과	010-3381-5520	jimin.han@seoul.go.kr	11-05-123456-01
오세훈	S2026032	민원봉사과	010-7762-1093	sehoon.oh@seoul.go.kr	13-99-654321-11
윤아름	S2026033	정보화담당관	010-2019-4478	areum.yoon@seoul.go.kr	-
EOF

# Training material: masked values, statute numbers, ISBNs and prices only. Nothing to report.
cat >"$dir/교육/개인정보보호_교육자료.txt" <<'EOF'
2026년 하반기 개인정보보호 교육 자료

1. 주민등록번호는 개인정보 보호법 제24조의2에 따라 암호화하여 보관해야 합니다.
   화면에는 900101-1****** 처럼 뒷자리를 가려서 표시합니다.
2. 전화번호는 010-****-5678 처럼, 카드번호는 4111-****-****-1111 처럼 가립니다.
3. 참고 도서: 「개인정보 보호법 해설」 ISBN 978-89-6010-123-9, 정가 28,000원
4. 교육 대상: 전 직원 1,284명, 이수율 97.3%, 교육 시간 2시간
5. 문의: 정보화담당관 대표번호 1588-1234
EOF

# A configuration file with a password and a server address.
cat >"$dir/전산/민원시스템_접속정보.conf" <<'EOF'
# 민원처리시스템 데이터베이스 접속 설정
db.host=10.20.31.44
db.port=5432
db.user=minwon_app
db.password=Minwon!2026#db
admin.email=minwon-admin@seoul.go.kr
# 접속 IP: 10.20.31.45 (백업 서버)
app.version=3.2.1
EOF

# Card payments with approval numbers (the approval numbers are not personal data).
cat >"$dir/회계/카드결제_내역_11월.txt" <<'EOF'
법인카드 사용 내역 (2026년 11월)
일자        카드번호               승인번호    금액
2026-11-03  9410-1234-5678-9010    30281744    45,000원
2026-11-07  4518-4212-3456-7894    30291853    128,000원
2026-11-12  5361-4812-3456-7893    30301962    9,900원
주문번호 2026110712345678, 상품 바코드 8801231567896
EOF

# Foreign residents (CP949 CSV): registration and passport numbers under their headers.
cp949 "$dir/외국인/외국인주민_지원대상.csv" <<'EOF'
성명,국적,외국인등록번호,여권번호,연락처
NGUYEN VAN AN,베트남,890215-5935188,M123A4567,010-6624-1187
LI MEI,중국,930707-6190937,E78214563,010-3390-7261
SANTOS MARIA,필리핀,050523-7786577,P3349152A,010-8812-4403
EOF

# Suppliers: business and corporate registration numbers.
cat >"$dir/거래처/거래처_목록.csv" <<'EOF'
상호,사업자등록번호,법인등록번호,대표자,전화
(주)한빛정보,220-81-12341,110111-2345670,김대표,02-555-0101
미래문구,105-23-45674,,박사장,031-702-3344
EOF

# Office documents (zip + XML) as Excel, Word and 한글 (HWPX) save them, built from the
# here-documents below with Info-ZIP (`-X -D`: no extra fields, no folder entries).
parts=$(mktemp -d)
office() {  # office OUTPUT MEMBER=SOURCE...
  local out=$1 tmp m
  shift
  tmp=$(mktemp -d)
  for m in "$@"; do
    mkdir -p "$tmp/$(dirname "${m%%=*}")"
    cp "${m#*=}" "$tmp/${m%%=*}"
  done
  (cd "$tmp" && zip -q -X -D -r out.zip mimetype . 2>/dev/null || zip -q -X -D -r out.zip .)
  mv "$tmp/out.zip" "$out"
  rm -rf "$tmp"
}
cat >"$parts/types.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>
XML
cat >"$parts/xlsx.rels" <<'XML'
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
XML
cat >"$parts/workbook.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="수급자" sheetId="1" r:id="rId1"/></sheets></workbook>
XML
cat >"$parts/workbook.xml.rels" <<'XML'
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>
XML
# The second RRN is stored as a number, as Excel does when 13 digits are typed without the '-'.
cat >"$parts/sheet1.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>성명</t></is></c><c r="B1" t="inlineStr"><is><t>주민등록번호</t></is></c><c r="C1" t="inlineStr"><is><t>지원금(원)</t></is></c></row>
<row r="2"><c r="A2" t="inlineStr"><is><t>한지민</t></is></c><c r="B2" t="inlineStr"><is><t>560824-2485718</t></is></c><c r="C2"><v>300000</v></c></row>
<row r="3"><c r="A3" t="inlineStr"><is><t>오세훈</t></is></c><c r="B3"><v>7203151548226</v></c><c r="C3"><v>250000</v></c></row>
</sheetData></worksheet>
XML
office "$dir/인사/2026_생계지원_수급자.xlsx" "[Content_Types].xml=$parts/types.xml" \
  "_rels/.rels=$parts/xlsx.rels" "xl/workbook.xml=$parts/workbook.xml" \
  "xl/_rels/workbook.xml.rels=$parts/workbook.xml.rels" "xl/worksheets/sheet1.xml=$parts/sheet1.xml"
cat >"$parts/docx.rels" <<'XML'
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>
XML
cat >"$parts/document.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:r><w:t>위임장</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">위임인 성명: 강동원, 주민등록번호: </w:t></w:r><w:r><w:t>810101-1234560</w:t></w:r></w:p>
<w:p><w:r><w:t>연락처: 010-3921-5580</w:t></w:r></w:p>
</w:body></w:document>
XML
office "$dir/민원/위임장_강동원.docx" "[Content_Types].xml=$parts/types.xml" \
  "_rels/.rels=$parts/docx.rels" "word/document.xml=$parts/document.xml"
printf 'application/hwp+zip' >"$parts/mimetype"
cat >"$parts/section0.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<hs:sec xmlns:hs="http://www.hancom.co.kr/hwpml/2011/section" xmlns:hp="http://www.hancom.co.kr/hwpml/2011/paragraph">
<hp:p><hp:run><hp:t>개인정보 수집·이용 동의서</hp:t></hp:run></hp:p>
<hp:p><hp:run><hp:t>성명: 윤서아 / 휴대전화 010-7712-3048</hp:t></hp:run></hp:p>
<hp:p><hp:run><hp:t>외국인등록번호(해당자): 890215-5935188</hp:t></hp:run></hp:p>
</hs:sec>
XML
office "$dir/교육/개인정보_동의서.hwpx" "mimetype=$parts/mimetype" \
  "Contents/section0.xml=$parts/section0.xml"

# A PDF with a text layer, written by hand: objects, then the cross-reference table of their byte
# offsets (PDF 1.7 §7.5). Helvetica has no Hangul, so the text is English.
pdf() {  # pdf OUTPUT TEXT
  local out=$1 body="BT /F1 12 Tf 72 760 Td ($2) Tj ET" pdf_text xref="" pos i
  local -a objs=(
    "<< /Type /Catalog /Pages 2 0 R >>"
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    "<< /Length ${#body} >>"$'\nstream\n'"$body"$'\nendstream')
  pdf_text=$'%PDF-1.4\n'
  for i in "${!objs[@]}"; do
    pos=$(printf '%s' "$pdf_text" | LC_ALL=C wc -c)
    xref+=$(printf '%010d 00000 n ' "$pos")$'\n'
    pdf_text+="$((i + 1)) 0 obj"$'\n'"${objs[$i]}"$'\nendobj\n'
  done
  pos=$(printf '%s' "$pdf_text" | LC_ALL=C wc -c)
  pdf_text+="xref"$'\n'"0 $((${#objs[@]} + 1))"$'\n'"0000000000 65535 f "$'\n'"$xref"
  pdf_text+="trailer"$'\n'"<< /Size $((${#objs[@]} + 1)) /Root 1 0 R >>"$'\n'
  pdf_text+="startxref"$'\n'"$pos"$'\n%%EOF\n'
  printf '%s' "$pdf_text" >"$out"
}
pdf "$dir/보관/2025_민원_회신.pdf" \
  "Applicant Kim Minsu, resident registration number 780312-1526011, mobile 010-2841-7730"
# A backup archive of the complaint register (members are read through the archive).
(cd "$dir/민원" && zip -q -X -D ../보관/2025_민원_백업.zip 2026_민원접수대장.csv)
rm -rf "$parts"

# A file already encrypted with age.
printf 'age-encryption.org/v1\n-> X25519 c2FtcGxl\nc2FtcGxlIGhlYWRlcg\n--- c2FtcGxl\n' \
  >"$dir/보관/주민등록번호_원본.xlsx.age"

echo "sample folder written to $dir"
