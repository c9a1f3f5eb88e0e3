// SPDX-License-Identifier: Apache-2.0
// The sentences below were written for this generator; names, numbers and organisations in the
// output come from random pools, never from real records.

#include "support/synthetic_phrases.h"

namespace jamul::test::synth {
namespace {

using SV = std::string_view;
using scanner::RuleId;

// --- Korean --------------------------------------------------------------------------------------
constexpr SV kKoFiller[] = {
    // 민원 처리
    "{dept}에서는 {date}까지 들어온 민원 {n}건을 처리하였다.",
    "처리 기한이 지난 민원은 {n}건으로 전월 대비 {pct} 감소하였다.",
    "민원인의 요청에 따라 관련 서류를 보완하도록 안내하였다.",
    "현장 확인 결과 시설물 파손은 경미한 것으로 판단된다.",
    "{org} {dept}와 협의하여 처리 방향을 결정할 예정이다.",
    "반복 민원에 대해서는 내부 검토 후 일괄 회신하기로 하였다.",
    "민원 처리 결과는 {date}에 서면으로 통보하였다.",
    "담당자 변경에 따라 인수인계 목록을 작성하였다.",
    "유사 민원이 {n}건 추가로 들어와 병합 처리하였다.",
    "민원 만족도 조사 결과 평균 점수는 {n}점이었다.",
    "처리 지연 사유는 관계 부서 의견 조회에 시간이 걸렸기 때문이다.",
    "민원 내용 중 개인정보가 포함된 부분은 가림 처리 후 공개하였다.",
    "방문 민원은 {place}에서 순번 대기 후 상담하도록 하였다.",
    "불편 사항을 개선하기 위해 안내문을 새로 제작하였다.",
    "{name} 주무관이 현장 조사를 실시하고 결과를 보고하였다.",
    "소관 부서가 아닌 민원은 {n}일 이내에 이송하였다.",
    "민원 답변서 초안은 팀장 검토를 거쳐 확정한다.",
    "주민 의견을 반영하여 공사 시간을 오전 {n}시 이후로 조정하였다.",
    "동일인의 중복 신청 여부를 확인한 결과 해당 사항이 없었다.",
    "처리 결과에 이의가 있는 경우 {n}일 이내에 재심사를 청구할 수 있다.",
    "야간 소음 관련 민원이 {year} 들어 꾸준히 늘고 있다.",
    "도로 보수 요청은 우선순위에 따라 {n}주 안에 조치할 계획이다.",
    // 개인정보 보호 교육
    "{year} 개인정보 보호 교육은 {date} {place}에서 진행되었다.",
    "교육 대상은 개인정보 취급자 {n}명이며 참석률은 {pct}였다.",
    "개인정보 파일은 보유 기간이 지나면 지체 없이 파기하여야 한다.",
    "업무용 컴퓨터에 저장된 고유식별정보는 암호화하여 보관한다.",
    "출력물에 개인정보가 포함된 경우 반드시 파쇄 후 폐기한다.",
    "공용 폴더에 개인정보 파일을 저장하지 않도록 주의한다.",
    "개인정보 처리방침은 매년 점검하여 누리집에 게시한다.",
    "수탁자에 대한 관리 감독 결과를 기록으로 남겨야 한다.",
    "개인정보 유출이 의심되는 경우 즉시 {dept}에 신고한다.",
    "접근 권한은 업무에 필요한 최소한의 범위로 부여한다.",
    "퇴직자 및 전보자의 계정은 {n}일 이내에 회수하였다.",
    "화면 보호기 설정과 자리 비움 시 잠금을 생활화하자.",
    "교육 후 실시한 평가에서 평균 {n}점을 기록하였다.",
    "개인정보 영향평가 결과 개선 권고 사항은 {n}건이었다.",
    "이동식 저장매체는 승인된 장비만 사용하도록 한다.",
    "외부로 보낼 때에는 암호화된 파일만 허용한다.",
    "개인정보 검출 프로그램으로 업무용 PC를 점검한 결과를 보고한다.",
    "점검 결과 불필요한 파일 {n}개를 삭제하고 {n}개를 암호화하였다.",
    "가명 처리한 정보는 추가 정보와 분리하여 보관한다.",
    "개인정보 보호책임자는 연 {n}회 이상 내부 점검을 실시한다.",
    "고유식별정보가 담긴 문서는 잠금장치가 있는 보관함에 둔다.",
    "개인정보 처리 업무를 위탁할 때에는 문서로 계약하여야 한다.",
    // 회의록
    "회의 일시는 {date} {time}, 장소는 {place}이다.",
    "참석자는 {dept} 소속 직원 {n}명이다.",
    "{name} 팀장이 지난 회의 결과와 추진 상황을 보고하였다.",
    "안건별 논의 결과 다음과 같이 결정하였다.",
    "세부 일정은 다음 회의에서 확정하기로 하였다.",
    "관계 부서 간 역할 분담에 대해 의견을 나누었다.",
    "{topic} 추진 일정이 다소 늦어지고 있어 대책을 마련하기로 하였다.",
    "추가 검토가 필요한 사항은 {date}까지 서면으로 제출한다.",
    "위원들은 현장 의견 수렴 절차가 필요하다는 데 동의하였다.",
    "차기 회의는 {date} {time}에 개최할 예정이다.",
    "{name} 주무관이 회의록을 작성하고 참석자 확인을 받았다.",
    "기타 안건은 없었으며 회의는 {time}에 종료되었다.",
    "주요 쟁점은 예산 확보 방안과 인력 운영 계획이었다.",
    "{org}의 협조 요청 사항을 검토하여 회신하기로 하였다.",
    "의결 사항은 위원장의 최종 확인 후 공지한다.",
    "{topic}에 대한 중간 점검 결과 진척률은 {pct}이다.",
    // 예산 집행
    "{year} 상반기 예산 집행률은 {pct}로 목표치를 달성하였다.",
    "사업비 {amount} 중 {amount}을 집행하였다.",
    "남은 예산은 하반기 사업에 우선 배정한다.",
    "물품 구매는 조달청 나라장터를 통해 진행하였다.",
    "계약 금액이 {amount}을 넘는 경우 입찰 절차를 거친다.",
    "집행 내역은 증빙 서류와 함께 {dept}에 제출한다.",
    "업무추진비 사용 내역은 매월 누리집에 공개한다.",
    "대금은 검수 완료 후 {n}일 이내에 지급한다.",
    "불용액이 생기지 않도록 집행 계획을 다시 점검하였다.",
    "여비는 출장 결과 보고서를 제출한 뒤 정산한다.",
    "보조금 교부 결정액은 {amount}이다.",
    "예산 전용은 {dept}와 사전 협의를 거쳐야 한다.",
    "지출 결의서는 전자결재로 처리하였다.",
    "회계 감사에서 지적된 사항은 {n}건이며 모두 시정하였다.",
    "수당은 매월 {n}일에 지급되며 지급 명세는 개별 통지한다.",
    "지급액은 지정된 계좌로 이체하였다.",
    "법인카드 사용 후에는 영수증을 첨부하여 정산한다.",
    // 시설, 정보화
    "청사 승강기 정기 점검은 {date}에 실시한다.",
    "노후 냉난방기 {n}대를 교체하는 공사가 진행 중이다.",
    "정보시스템 유지보수 계약은 {date}에 만료된다.",
    "서버 이중화 작업으로 {time}부터 {n}시간 동안 서비스가 중단된다.",
    "보안 패치 적용 대상 PC는 {n}대이다.",
    "누리집 접근성 개선 사업을 {year} 중 완료할 계획이다.",
    "정전에 대비한 비상 발전기 가동 시험을 실시하였다.",
    "주차장 이용 수요 조사 결과 {pct}가 증설을 희망하였다.",
    "{place} 음향 장비는 {date}부터 새 장비로 바뀐다.",
    "문서 보존 기간이 지난 기록물 {n}권을 심의 후 폐기하였다.",
};

constexpr SV kKoPlain[] = {
    "이상.",
    "끝.",
    "(이하 여백)",
    "- 다음 -",
    "붙임 참조.",
    "계속.",
    "※ 참고 바랍니다.",
    "검토 완료.",
    "확인함.",
    "----------------------------------------",
    "(생략)",
    "보고 드립니다.",
    "의견 없음.",
    "위와 같이 결과를 보고합니다.",
};

constexpr SV kKoTrap[] = {
    "{v} 건은 {date}에 처리가 완료되었다.",
    "참고로 {v} 항목은 별도로 관리한다.",
    "관련 자료: {v}",
    "{v} 기준으로 다시 확인하였다.",
    "확인 결과 {v}(으)로 기재되어 있었다.",
    "※ {v} 참조",
    "비고: {v}",
    "{name} 주무관이 {v} 내역을 검토하였다.",
    "시스템 기록상 {v}(으)로 남아 있다.",
    "해당 건({v})은 재검토 대상에서 제외한다.",
};

constexpr SV kKoHeadings[] = {
    "1. 추진 배경", "2. 주요 내용", "3. 향후 계획", "□ 현황",   "□ 문제점 및 개선 방안",
    "[참고]",       "○ 논의 사항",  "○ 결정 사항",  "가. 개요", "나. 세부 내용",
    "【붙임】",
};

constexpr SV kKoTitles[] = {
    "민원 처리 결과 보고",
    "개인정보 보호 교육 결과 보고",
    "정기 회의 결과",
    "예산 집행 현황 보고",
    "개인정보 파일 일제 정비 계획",
    "청사 시설 관리 계획",
    "정보화 사업 추진 현황",
    "주간 업무 보고",
    "업무 협조 요청",
    "검토 의견서",
};

constexpr SV kKoPlaces[] = {
    "본관 3층 대회의실", "별관 2층 소회의실", "민원실", "교육장", "대강당", "화상회의실",
    "4층 중회의실",      "구민회관 세미나실",
};
constexpr SV kKoTopics[] = {
    "개인정보 파일 일제 정비", "민원 처리 절차 개선", "청사 에너지 절감", "정보시스템 고도화",
    "주민 참여 예산",          "스마트 행정 서비스",  "기록물 관리 개선", "재난 대응 훈련",
};
constexpr SV kKoOrgs[] = {
    "종로구청",         "수원시청",   "세종특별자치시청", "연제구청", "대전 서구청",  "춘천시청",
    "제주특별자치도청", "행정안전부", "교육지원청",       "보건소",   "시설관리공단", "문화재단",
};
constexpr SV kKoDepts[] = {
    "총무과",       "기획예산과", "행정지원과", "자치행정과", "복지정책과",
    "교통행정과",   "세무과",     "정보통신과", "환경위생과", "건축과",
    "도시계획과",   "민원봉사과", "감사실",     "시민소통과", "재난안전과",
    "일자리경제과", "문화관광과", "보건행정과", "정보보호팀",
};

// --- English -------------------------------------------------------------------------------------
constexpr SV kEnFiller[] = {
    "The committee met on {en_date} to review the quarterly progress report.",
    "A total of {n} complaints were received and {n} of them were resolved within the deadline.",
    "All staff must complete the annual privacy training by {en_date}.",
    "Files holding personal information should be encrypted or deleted when no longer needed.",
    "The budget execution rate reached {pct} at the end of the first half.",
    "The {dept} will publish the results on the intranet next week.",
    "Printed documents with personal data must be shredded after use.",
    "The meeting was adjourned at {time}.",
    "Attendees agreed to revisit the staffing plan at the next meeting.",
    "Maintenance work on the main building is scheduled for {en_date}.",
    "{en_name} presented the findings of the internal audit.",
    "Access rights are granted on a need-to-know basis and reviewed every {n} months.",
    "Login IDs of departed employees were disabled within {n} days.",
    "Procurement of {n} laptops was completed in {year}.",
    "The survey had a response rate of {pct}.",
    "Further details are available from the {dept}.",
    "The pilot project will expand to {n} district offices next year.",
    "A security patch was applied to {n} workstations last weekend.",
    "Residents raised concerns about noise from the construction site.",
    "The draft guideline will be circulated for comments until {en_date}.",
    "Spending on travel was {en_amount}, below the planned amount.",
    "The division handled {nn} requests in the last quarter.",
    "Records older than {n} years were reviewed for disposal.",
    "{en_name} will chair the working group on {topic}.",
    "The {org} asked for an update on {topic} by {en_date}.",
    "No objections were raised, and the minutes were approved as circulated.",
    "The inspection found {n} shared folders with files that should have been removed.",
    "Training materials are posted in the shared drive under the {year} folder.",
    "The next review is planned for {en_date} in {place}.",
    "Overtime hours dropped by {pct} compared with the previous year.",
    "Each team should nominate a privacy officer before {en_date}.",
    "The vendor delivered the revised design on schedule.",
    "Outstanding issues will be tracked in the weekly status report.",
    "The workshop drew {n} participants from {n} departments.",
};

constexpr SV kEnPlain[] = {
    "End of document.",     "(blank)",
    "See attachment.",      "Noted.",
    "No further comments.", "----------------------------------------",
    "To be continued.",     "Approved.",
};

constexpr SV kEnTrap[] = {
    "{v} was processed on {en_date}.",
    "Reference: {v}",
    "The record shows {v}.",
    "See {v} for the original entry.",
    "The entry ({v}) was excluded from the review.",
    "{en_name} checked {v} against the ledger.",
    "Note: {v}",
};

constexpr SV kEnHeadings[] = {
    "1. Background", "2. Discussion", "3. Next steps", "Summary",
    "Action items",  "Notes",         "Attachments",
};
constexpr SV kEnTitles[] = {
    "Meeting minutes",      "Privacy training report", "Quarterly budget report",
    "Weekly status report", "Records review plan",     "Facility maintenance plan",
};
constexpr SV kEnPlaces[] = {"Conference Room A", "the main hall", "Room 301", "the annex",
                            "the training center"};
constexpr SV kEnTopics[] = {"records management", "the privacy audit",
                            "the digital service project", "the energy saving plan",
                            "the budget review"};
constexpr SV kEnOrgs[] = {"Jongno District Office", "Suwon City Hall", "Ministry of the Interior",
                          "Sejong City Hall", "Public Health Center"};
constexpr SV kEnDepts[] = {"General Affairs Division", "Planning and Budget Office",
                           "Civil Affairs Division",   "Information Security Team",
                           "Welfare Policy Division",  "Audit Office"};

constexpr LanguagePhrases kKorean{kKoFiller, kKoPlain,  kKoTrap, kKoHeadings, kKoTitles,
                                  kKoPlaces, kKoTopics, kKoOrgs, kKoDepts};
constexpr LanguagePhrases kEnglish{kEnFiller, kEnPlain,  kEnTrap, kEnHeadings, kEnTitles,
                                   kEnPlaces, kEnTopics, kEnOrgs, kEnDepts};

// --- sentences with a planted value --------------------------------------------------------------
// Korean, labelled: a keyword of the rule sits right before {v}.
constexpr SV kKoRrnL[] = {
    "{name}의 주민등록번호 {v}를 대조하였다.",
    "신청인 주민번호: {v}",
    "주민등록번호({v}) 확인 후 본인 확인을 마쳤다.",
    "{name} 님(주민등록번호 {v})의 서류가 들어왔다.",
    "주민번호 {v} 조회 결과 세대주로 확인되었다.",
    "정정 전 주민등록번호는 {v}이다.",
};
constexpr SV kKoRrnB[] = {
    "대상자 {name}({v})의 자격을 확인하였다.",
    "{name} {v} 외 {n}명",
    "명단 정정: {name}, {v}",
    "{name}({v}) 건은 보완 후 다시 제출하도록 하였다.",
};
constexpr SV kKoFrnL[] = {
    "외국인등록번호 {v}",
    "{en_name} 씨의 외국인등록번호는 {v}이다.",
    "등록증번호 {v} 확인",
    "외국인등록증({v}) 사본을 첨부하였다.",
};
constexpr SV kKoFrnB[] = {"대상자 {en_name}({v})의 체류 기간을 확인하였다.", "{en_name} {v}"};
constexpr SV kKoMobileL[] = {
    "{name}의 휴대전화 {v}로 안내 문자를 보냈다.",
    "연락처: {v}",
    "휴대폰 {v}",
    "문의는 담당자 휴대폰({v})으로 하면 된다.",
    "비상연락처 {v}",
    "{name} 주무관 연락처는 {v}이다.",
};
constexpr SV kKoMobileB[] = {
    "{name} {v}",
    "회신 요청: {v}",
    "{name}({v}) 님께 결과를 알렸다.",
    "담당 {name} {v}",
};
constexpr SV kKoLandlineL[] = {
    "전화 {v}",      "연락처 {v}",       "사무실 전화번호는 {v}이다.",
    "자택 전화 {v}", "{dept} 전화: {v}", "{name}의 직장전화 {v}",
};
constexpr SV kKoCardL[] = {
    "법인카드 번호 {v}로 결제하였다.",
    "카드번호: {v}",
    "신용카드 {v} 사용 내역을 제출하였다.",
    "체크카드({v}) 분실 신고가 들어왔다.",
};
constexpr SV kKoCardB[] = {"결제 수단 {v}", "{name} {v} 결제분", "({v}) 결제 취소 요청"};
constexpr SV kKoAccountL[] = {
    "환불 계좌: {bank} {v}",      "{bank} {v}(예금주 {name})",  "계좌번호 {v}",
    "입금계좌 {v}로 지급하였다.", "{name} 급여계좌 {bank} {v}", "지급 계좌는 {bank} {v}이다.",
    "예금주 {name}, {bank} {v}",
};
constexpr SV kKoHealthL[] = {
    "건강보험증번호 {v}",
    "{name}의 건강보험증 번호는 {v}이다.",
    "보험증번호: {v}",
    "건강보험증번호({v}) 확인 후 접종 대상에 포함하였다.",
};
constexpr SV kKoBrnL[] = {
    "사업자등록번호 {v}",
    "업체({company}, 사업자번호 {v})와 계약하였다.",
    "{company} 사업자등록번호: {v}",
    "사업자번호 {v} 확인 완료",
};
constexpr SV kKoBrnB[] = {"{company}({v})", "계약 상대방: {company} {v}"};
constexpr SV kKoCrnL[] = {
    "법인등록번호 {v}",
    "{company} 법인등록번호는 {v}이다.",
    "법인번호: {v}",
};
constexpr SV kKoCrnB[] = {"{company} {v}", "계약 상대방 {company}({v})"};
constexpr SV kKoPassportL[] = {
    "여권번호 {v}",
    "{name}의 여권 번호는 {v}이며 사본을 첨부하였다.",
    "여권({v}) 사본 제출",
    "여권번호: {v}",
};
constexpr SV kKoDlL[] = {
    "운전면허번호 {v}",
    "면허번호: {v}",
    "운전면허증({v}) 확인 후 차량을 배정하였다.",
    "{name}의 운전면허 번호는 {v}이다.",
};
constexpr SV kKoDlB[] = {"{name} {v}", "운전원 {name}, {v}"};
constexpr SV kKoEmailL[] = {
    "{name}의 이메일 {v}로 회신하였다.",
    "담당자 메일: {v}",
    "이메일 {v}",
    "전자우편({v})으로 결과를 보냈다.",
};
constexpr SV kKoEmailB[] = {
    "자료는 {v}로 제출하면 된다.",
    "{name} {v}",
    "회신 주소는 {v}입니다.",
    "{v}에게 결과를 알렸다.",
};
constexpr SV kKoIpv4L[] = {
    "접속IP {v}에서 로그인 기록이 확인되었다.",
    "IP 주소 {v}",
    "접속 아이피: {v}",
    "{name} 주무관 PC의 IP는 {v}이다.",
};
constexpr SV kKoIpv6L[] = {"IPv6 주소 {v}", "접속IP {v}에서 요청이 들어왔다."};
constexpr SV kKoIpv6B[] = {"{v}에서 요청이 반복되었다."};
constexpr SV kKoPasswordL[] = {
    "초기 {v} (최초 로그인 시 변경)",
    "{v}",
    "공용 계정 {v} 로 접속하였다.",
    "임시 {v}",
};

// English.
constexpr SV kEnRrnL[] = {"Resident registration number {v}", "RRN: {v}",
                          "{en_name} (resident registration number {v}) applied on {en_date}."};
constexpr SV kEnRrnB[] = {"{en_name}, {v}", "Applicant {en_name} ({v}) was verified."};
constexpr SV kEnFrnL[] = {"Alien registration number {v}", "ARC No. {v}",
                          "{en_name}'s alien registration number is {v}."};
constexpr SV kEnFrnB[] = {"{en_name}, {v}"};
constexpr SV kEnMobileL[] = {"Mobile: {v}", "Please call {en_name} on mobile {v}.", "Phone {v}",
                             "Contact {v}"};
constexpr SV kEnMobileB[] = {"{en_name} {v}", "Reply to {v} by text."};
constexpr SV kEnLandlineL[] = {"Tel. {v}", "Phone: {v}", "Office phone {v}"};
constexpr SV kEnCardL[] = {"Credit card {v}", "Card number: {v}", "Paid with card {v}."};
constexpr SV kEnCardB[] = {"Payment method {v}", "Refund to {v} was requested."};
constexpr SV kEnAccountL[] = {"Bank account {v} ({bank})", "Account number: {bank} {v}",
                              "Refund to account number {v}."};
constexpr SV kEnHealthL[] = {"Health insurance card {v}", "NHIS number {v}"};
constexpr SV kEnBrnL[] = {"Business registration number {v}", "BRN {v}",
                          "{company}, business registration number {v}"};
constexpr SV kEnBrnB[] = {"{company} ({v})"};
constexpr SV kEnCrnL[] = {"Corporate registration number {v}", "CRN: {v}"};
constexpr SV kEnCrnB[] = {"{company} ({v})"};
constexpr SV kEnPassportL[] = {"Passport No. {v}", "{en_name}'s passport number is {v}.",
                               "passport {v}"};
constexpr SV kEnDlL[] = {"Driver's license {v}", "Driver license No. {v}"};
constexpr SV kEnDlB[] = {"{en_name} {v}"};
constexpr SV kEnEmailL[] = {"Email: {v}", "Please send it to {en_name} by e-mail ({v})."};
constexpr SV kEnEmailB[] = {"{en_name} <{v}>", "Replies go to {v}.", "Contact point: {v}"};
constexpr SV kEnIpv4L[] = {"IP address {v}", "Login IP: {v}", "The request came from IP {v}."};
constexpr SV kEnIpv6L[] = {"IPv6 address {v}"};
constexpr SV kEnIpv6B[] = {"The request came from {v}."};
constexpr SV kEnPasswordL[] = {"Temporary {v} (change it at first login)", "{v}"};

constexpr SV kNone[] = {""};
constexpr Phrases kEmpty(kNone, 0);

struct RuleSentences {
  RuleId rule;
  Phrases ko_labelled, ko_bare, en_labelled, en_bare;
};

constexpr RuleSentences kSentences[] = {
    {RuleId::kKrRrn, kKoRrnL, kKoRrnB, kEnRrnL, kEnRrnB},
    {RuleId::kKrFrn, kKoFrnL, kKoFrnB, kEnFrnL, kEnFrnB},
    {RuleId::kKrPassport, kKoPassportL, kEmpty, kEnPassportL, kEmpty},
    {RuleId::kKrDriverLicense, kKoDlL, kKoDlB, kEnDlL, kEnDlB},
    {RuleId::kKrPhone, kKoMobileL, kKoMobileB, kEnMobileL, kEnMobileB},
    {RuleId::kCardNumber, kKoCardL, kKoCardB, kEnCardL, kEnCardB},
    {RuleId::kKrBankAccount, kKoAccountL, kEmpty, kEnAccountL, kEmpty},
    {RuleId::kKrHealthInsurance, kKoHealthL, kEmpty, kEnHealthL, kEmpty},
    {RuleId::kKrBrn, kKoBrnL, kKoBrnB, kEnBrnL, kEnBrnB},
    {RuleId::kKrCrn, kKoCrnL, kKoCrnB, kEnCrnL, kEnCrnB},
    {RuleId::kEmail, kKoEmailL, kKoEmailB, kEnEmailL, kEnEmailB},
    {RuleId::kIpv4, kKoIpv4L, kEmpty, kEnIpv4L, kEmpty},
    {RuleId::kIpv6, kKoIpv6L, kKoIpv6B, kEnIpv6L, kEnIpv6B},
    {RuleId::kPassword, kKoPasswordL, kEmpty, kEnPasswordL, kEmpty},
};

// --- form labels ---------------------------------------------------------------------------------
constexpr SV kFlKoRrn[] = {"주민등록번호", "주민번호", "신청인 주민등록번호"};
constexpr SV kFlKoFrn[] = {"외국인등록번호", "외국인번호", "외국인등록증 번호"};
constexpr SV kFlKoPassport[] = {"여권번호", "여권 번호"};
constexpr SV kFlKoDl[] = {"운전면허번호", "면허번호"};
constexpr SV kFlKoPhone[] = {"휴대전화", "연락처", "전화번호", "휴대폰", "비상연락처", "자택 전화"};
constexpr SV kFlKoCard[] = {"카드번호", "결제 카드번호", "법인카드 번호"};
constexpr SV kFlKoAccount[] = {"계좌번호", "입금계좌", "환불계좌", "급여계좌"};
constexpr SV kFlKoHealth[] = {"건강보험증번호", "보험증번호"};
constexpr SV kFlKoBrn[] = {"사업자등록번호", "사업자번호"};
constexpr SV kFlKoCrn[] = {"법인등록번호", "법인번호"};
constexpr SV kFlKoEmail[] = {"이메일", "전자우편", "E-mail"};
constexpr SV kFlKoIpv4[] = {"접속IP", "IP 주소", "접속 아이피"};
constexpr SV kFlKoIpv6[] = {"IPv6 주소"};
constexpr SV kFlKoPassword[] = {"비밀번호", "임시 비밀번호"};
constexpr SV kFlKoNeutral[] = {"비고", "대상", "기타", "참고"};

constexpr SV kFlEnRrn[] = {"Resident registration number", "RRN"};
constexpr SV kFlEnFrn[] = {"Alien registration number", "ARC No."};
constexpr SV kFlEnPassport[] = {"Passport No.", "Passport number"};
constexpr SV kFlEnDl[] = {"Driver's license No."};
constexpr SV kFlEnPhone[] = {"Phone", "Mobile", "Tel.", "Contact"};
constexpr SV kFlEnCard[] = {"Card number", "Credit card"};
constexpr SV kFlEnAccount[] = {"Bank account", "Account number"};
constexpr SV kFlEnHealth[] = {"Health insurance card No.", "NHIS number"};
constexpr SV kFlEnBrn[] = {"Business registration number", "BRN"};
constexpr SV kFlEnCrn[] = {"Corporate registration number"};
constexpr SV kFlEnEmail[] = {"Email", "E-mail"};
constexpr SV kFlEnIpv4[] = {"IP address", "Login IP"};
constexpr SV kFlEnIpv6[] = {"IPv6 address"};
constexpr SV kFlEnPassword[] = {"Password"};
constexpr SV kFlEnNeutral[] = {"Note", "Remarks", "Other"};

struct RuleLabels {
  RuleId rule;
  Phrases ko, en;
};
constexpr RuleLabels kLabels[] = {
    {RuleId::kKrRrn, kFlKoRrn, kFlEnRrn},
    {RuleId::kKrFrn, kFlKoFrn, kFlEnFrn},
    {RuleId::kKrPassport, kFlKoPassport, kFlEnPassport},
    {RuleId::kKrDriverLicense, kFlKoDl, kFlEnDl},
    {RuleId::kKrPhone, kFlKoPhone, kFlEnPhone},
    {RuleId::kCardNumber, kFlKoCard, kFlEnCard},
    {RuleId::kKrBankAccount, kFlKoAccount, kFlEnAccount},
    {RuleId::kKrHealthInsurance, kFlKoHealth, kFlEnHealth},
    {RuleId::kKrBrn, kFlKoBrn, kFlEnBrn},
    {RuleId::kKrCrn, kFlKoCrn, kFlEnCrn},
    {RuleId::kEmail, kFlKoEmail, kFlEnEmail},
    {RuleId::kIpv4, kFlKoIpv4, kFlEnIpv4},
    {RuleId::kIpv6, kFlKoIpv6, kFlEnIpv6},
    {RuleId::kPassword, kFlKoPassword, kFlEnPassword},
};

constexpr FormField kKoFields[] = {
    {"성명", "{name}"},
    {"소속", "{org} {dept}"},
    {"직위", "주무관"},
    {"직위", "팀장"},
    {"주소", "{address}"},
    {"신청일", "{date}"},
    {"처리기한", "{date}"},
    {"담당자", "{name}"},
    {"담당부서", "{dept}"},
    {"신청 사유", "{topic} 관련 자료 요청"},
    {"제목", "{topic} 협조 요청"},
    {"회의 일시", "{date} {time}"},
    {"장소", "{place}"},
    {"참석자", "{name} 외 {n}명"},
    {"처리 결과", "완료"},
    {"처리 결과", "보완 요청"},
    {"첨부", "붙임 {n}부"},
    {"금액", "{amount}"},
    {"수량", "{n}개"},
};
constexpr FormField kEnFields[] = {
    {"Name", "{en_name}"},     {"Department", "{dept}"},
    {"Position", "Officer"},   {"Date", "{en_date}"},
    {"Deadline", "{en_date}"}, {"Subject", "{topic}"},
    {"Venue", "{place}"},      {"Attendees", "{en_name} and {n} others"},
    {"Status", "Closed"},      {"Amount", "{en_amount}"},
};

constexpr SV kCompanies[] = {
    "(주)한빛정보",      "주식회사 누리소프트", "한결건설(주)",   "새솔물산", "다온테크",
    "푸른나래 협동조합", "가람세무회계",        "(주)미르시스템", "바른인쇄", "솔빛조경",
    "(주)늘품식품",      "아라정보통신",
};
constexpr SV kAddresses[] = {
    "서울특별시 종로구 세종대로 {n}",        "부산광역시 연제구 중앙대로 {n}",
    "경기도 수원시 팔달구 효원로 {n}",       "대전광역시 서구 둔산로 {n}",
    "세종특별자치시 한누리대로 {n}",         "광주광역시 서구 내방로 {n}",
    "인천광역시 남동구 정각로 {n}",          "대구광역시 중구 공평로 {n}",
    "강원특별자치도 춘천시 중앙로 {n}",      "제주특별자치도 제주시 문연로 {n}",
    "경상남도 창원시 의창구 중앙대로 {n}",   "전북특별자치도 전주시 완산구 효자로 {n}",
    "서울특별시 강남구 테헤란로 {n}, {n}층", "경기도 성남시 분당구 판교역로 {n}, {n}층",
};
constexpr SV kEmojis[] = {"😀", "🙂", "👍", "✅", "📎", "📌", "🔒", "🚀", "🎉", "💡"};

constexpr SV kStemsKoProse[] = {"민원처리_결과보고", "개인정보보호_교육자료", "회의록",
                                "예산집행_현황보고", "주간업무보고",          "검토의견서",
                                "업무협조_요청"};
constexpr SV kStemsKoForm[] = {"개인정보_수집이용_동의서", "민원신청서", "출장신청서",
                               "자료제출_요청서", "신청서_접수본"};
constexpr SV kStemsKoTable[] = {"민원접수_목록", "지급대상자_명단", "주문배송_내역",    "업체현황",
                                "접속기록",      "교육참석자_명단", "외국인근로자_현황"};
constexpr SV kStemsLog[] = {"access", "auth", "app", "minwon-web", "batch", "agent"};
constexpr SV kStemsConfig[] = {"app", "database", "mail", "agent", "settings", "application"};
constexpr SV kStemsEnProse[] = {"meeting_notes", "privacy_training", "budget_report",
                                "weekly_report", "audit_summary"};
constexpr SV kStemsEnForm[] = {"application_form", "consent_form", "request_form"};
constexpr SV kStemsEnTable[] = {"contacts", "payees", "orders", "vendors", "access_list"};

}  // namespace

const LanguagePhrases& koreanPhrases() { return kKorean; }
const LanguagePhrases& englishPhrases() { return kEnglish; }

Phrases valueSentences(RuleId rule, bool english, bool labelled) {
  for (const RuleSentences& s : kSentences)
    if (s.rule == rule)
      return english ? (labelled ? s.en_labelled : s.en_bare)
                     : (labelled ? s.ko_labelled : s.ko_bare);
  return kEmpty;
}

Phrases formLabels(RuleId rule, bool english, bool labelled) {
  if (!labelled) return english ? Phrases(kFlEnNeutral) : Phrases(kFlKoNeutral);
  for (const RuleLabels& l : kLabels)
    if (l.rule == rule) return english ? l.en : l.ko;
  return kEmpty;
}

std::span<const FormField> neutralFormFields(bool english) {
  return english ? std::span<const FormField>(kEnFields) : std::span<const FormField>(kKoFields);
}

Phrases companies() { return kCompanies; }
Phrases koreanAddresses() { return kAddresses; }
Phrases emojis() { return kEmojis; }

Phrases fileStems(bool english, int kind) {
  switch (kind) {
    case 0:
      return english ? Phrases(kStemsEnProse) : Phrases(kStemsKoProse);
    case 1:
      return english ? Phrases(kStemsEnForm) : Phrases(kStemsKoForm);
    case 2:
    case 3:
      return english ? Phrases(kStemsEnTable) : Phrases(kStemsKoTable);
    case 4:
      return kStemsLog;
    default:
      return kStemsConfig;
  }
}

}  // namespace jamul::test::synth
