#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Writes a small folder of documents like those on a Korean public-office PC, with planted SYNTHETIC
# personal data (checksum-valid but invented numbers), in the encodings such PCs hold: UTF-8, UTF-8
# with a BOM (Excel CSV), CP949 ("ANSI" Korean) and UTF-16LE (Excel "Unicode text"). It also holds
# traps that must not be reported (order and document numbers, masked values, barcodes, ISBNs), a
# PDF Jamul cannot read yet, and an age-encrypted file.
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

# A document format not read yet, and a file already encrypted with age.
printf '%%PDF-1.4\n%% 주민등록번호 목록 (스캔본)\n' >"$dir/보관/2025_민원_스캔본.pdf"
printf 'age-encryption.org/v1\n-> X25519 c2FtcGxl\nc2FtcGxlIGhlYWRlcg\n--- c2FtcGxl\n' \
  >"$dir/보관/주민등록번호_원본.xlsx.age"

echo "sample folder written to $dir"
