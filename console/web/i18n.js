// SPDX-License-Identifier: Apache-2.0
// The dashboard's strings, Korean first and English complete: every text the dashboard shows goes
// through t(). The language defaults to the browser's (navigator.language) and an admin's choice
// is kept in localStorage. Numbers and dates are formatted for the language's locale.

const STRINGS = {
  ko: {
    'app.title': '자물 개인정보 관리 콘솔',
    'app.short': '자물 콘솔',
    'app.skip': '본문 바로가기',
    'app.loading': '불러오는 중…',
    'app.error': '오류',
    'app.retry': '다시 시도',
    'app.lang': 'English',
    'app.lang_label': '언어 변경: English',
    'app.logout': '로그아웃',
    'app.user': '관리자 {user}',
    'app.export': 'CSV 내보내기',
    'app.export_hint': '부서별 제출용 수치 (Excel용 UTF-8 CSV)',
    'app.footer': '개인정보는 PC를 떠나지 않습니다. 콘솔에는 마스킹된 일부, 건수, 키 다이제스트와 메타데이터만 저장됩니다.',
    'nav.label': '주 메뉴',
    'nav.overview': '현황',
    'nav.agents': '에이전트',
    'nav.findings': '검출 현황',
    'nav.top_files': '상위 파일',
    'nav.exceptions': '예외 신청',
    'nav.policy': '정책',
    'nav.audit': '감사 로그',

    'login.title': '관리자 로그인',
    'login.lead': '자물 콘솔에 로그인하세요.',
    'login.user': '아이디',
    'login.password': '비밀번호',
    'login.submit': '로그인',
    'login.failed': '아이디 또는 비밀번호가 올바르지 않습니다.',
    'login.rate_limited': '로그인 시도가 너무 많습니다. 잠시 후 다시 시도하세요.',
    'login.expired': '세션이 만료되었습니다. 다시 로그인하세요.',

    'password.title': '비밀번호 변경',
    'password.lead': '처음 로그인하셨습니다. 일회용 비밀번호를 새 비밀번호로 바꾸어야 계속할 수 있습니다.',
    'password.old': '현재 비밀번호',
    'password.new': '새 비밀번호',
    'password.confirm': '새 비밀번호 확인',
    'password.hint': '12자 이상',
    'password.submit': '비밀번호 변경',
    'password.too_short': '새 비밀번호는 12자 이상이어야 합니다.',
    'password.mismatch': '새 비밀번호와 확인이 다릅니다.',
    'password.same': '새 비밀번호는 현재 비밀번호와 달라야 합니다.',
    'password.changed': '비밀번호가 변경되었습니다.',
    'password.wrong_old': '현재 비밀번호가 올바르지 않습니다.',

    'overview.title': '개인정보 보유 현황',
    'overview.tile.agents': '에이전트',
    'overview.tile.offline': '미접속',
    'overview.tile.files_with_pii': '개인정보 보유 파일',
    'overview.tile.files_encrypted': '암호화된 파일',
    'overview.tile.rate': '암호화율',
    'overview.tile.items': '검출 건수',
    'overview.tile.pending': '대기 중 예외 신청',
    'overview.sub.agents': '등록된 PC',
    'overview.sub.offline': '하트비트 3회 이상 미수신',
    'overview.sub.files_with_pii': '기본 임계값(중간 이상)',
    'overview.sub.files_encrypted': '보유 파일 중',
    'overview.sub.rate': '파일 기준 · 건수 기준 {items}',
    'overview.sub.items': '암호화 {encrypted}건',
    'overview.sub.pending': '검토 필요',
    'overview.by_rule': '유형별 검출 건수',
    'overview.by_rule_empty': '검출된 개인정보가 없습니다.',
    'overview.rate_chart': '암호화율 추이 (최근 90일)',
    'overview.before_after': '조치 전후 건수 추이 (최근 90일)',
    'overview.history_empty': '아직 검사 기록이 없습니다.',
    'chart.rate_files': '암호화율(파일)',
    'chart.rate_items': '암호화율(건수)',
    'chart.files_with_pii': '개인정보 보유 파일',
    'chart.files_encrypted': '암호화된 파일',
    'chart.files_plain': '미조치 파일',
    'chart.day': '일자',
    'chart.data_table': '차트 데이터',

    'agents.title': '에이전트',
    'agents.search': '검색',
    'agents.search_placeholder': '호스트, 사용자, 부서',
    'agents.search_submit': '검색',
    'agents.state_filter': '상태',
    'agents.state.all': '전체',
    'agents.state.enrolled': '등록',
    'agents.state.revoked': '폐기',
    'agents.col.host': '호스트',
    'agents.col.user': '사용자',
    'agents.col.department': '부서',
    'agents.col.version': '버전',
    'agents.col.policy_version': '정책 버전',
    'agents.col.last_contact': '최근 접속',
    'agents.col.connection': '연결',
    'agents.col.state': '상태',
    'agents.col.files': '보유 파일',
    'agents.col.encrypted': '암호화',
    'agents.col.outbox': '미전송',
    'agents.col.actions': '작업',
    'agents.online': '정상',
    'agents.offline': '미접속',
    'agents.long_offline': '장기 미접속',
    'agents.never': '없음',
    'agents.revoke': '폐기',
    'agents.revoke_title': '에이전트 폐기',
    'agents.revoke_confirm': '{host}({user}) 에이전트를 폐기하시겠습니까? 폐기된 에이전트는 더 이상 콘솔에 보고할 수 없으며 다시 등록해야 합니다.',
    'agents.revoked_done': '{host} 에이전트를 폐기했습니다.',
    'agents.empty': '조건에 맞는 에이전트가 없습니다.',

    'findings.title': '검출 현황',
    'findings.by_rule': '유형별',
    'findings.by_department': '부서별',
    'findings.by_volume': '이동식 저장매체별',
    'findings.col.rule': '유형',
    'findings.col.department': '부서',
    'findings.col.volume': '저장매체',
    'findings.col.files': '보유 파일',
    'findings.col.items': '검출 건수',
    'findings.col.files_encrypted': '암호화된 파일',
    'findings.col.rate': '암호화율',
    'findings.empty': '해당 항목이 없습니다.',
    'findings.no_department': '(부서 없음)',

    'top.title': '상위 파일',
    'top.lead': '검출 건수가 많은 파일입니다. 값은 PC에서 마스킹된 일부만 표시됩니다.',
    'top.col.rank': '순위',
    'top.col.host': '호스트',
    'top.col.path': '경로',
    'top.col.items': '검출 건수',
    'top.col.counts': '유형별',
    'top.col.encrypted': '암호화',
    'top.col.excerpts': '마스킹된 일부',
    'top.encrypted': '암호화됨',
    'top.plain': '미조치',
    'top.empty': '개인정보가 검출된 파일이 없습니다.',

    'exceptions.title': '예외 신청',
    'exceptions.state_filter': '상태',
    'exceptions.state.pending': '대기',
    'exceptions.state.approved': '승인',
    'exceptions.state.denied': '반려',
    'exceptions.state.expired': '만료',
    'exceptions.state.all': '전체',
    'exceptions.col.requested': '신청 일시',
    'exceptions.col.host': '호스트',
    'exceptions.col.path': '파일',
    'exceptions.col.owner': '신청자',
    'exceptions.col.reason': '사유',
    'exceptions.col.days': '기간(일)',
    'exceptions.col.state': '상태',
    'exceptions.col.decision': '처리',
    'exceptions.days_label': '{path} 승인 기간(일)',
    'exceptions.approve': '승인',
    'exceptions.deny': '반려',
    'exceptions.deny_title': '예외 신청 반려',
    'exceptions.deny_confirm': '{path}에 대한 예외 신청을 반려하시겠습니까?',
    'exceptions.decided': '{by} · {at}',
    'exceptions.expires': '만료 {at}',
    'exceptions.approved_done': '예외 신청을 승인했습니다 ({days}일).',
    'exceptions.denied_done': '예외 신청을 반려했습니다.',
    'exceptions.bad_days': '기간은 1일에서 365일 사이여야 합니다.',
    'exceptions.empty': '해당 상태의 예외 신청이 없습니다.',

    'policy.title': '정책',
    'policy.lead': '정책은 그룹(부서)별로 지정되며 콘솔의 키로 서명되어 에이전트에 배포됩니다. 그룹에 정책이 없으면 default 그룹의 정책을 따릅니다.',
    'policy.group': '그룹',
    'policy.new_group': '새 그룹…',
    'policy.new_group_name': '새 그룹 이름',
    'policy.version': '현재 버전',
    'policy.updated': '수정 일시',
    'policy.none': '정책 없음 (default 그룹 정책 적용)',
    'policy.document': '정책 JSON',
    'policy.help': '알 수 없는 키는 거부됩니다. 키 목록은 docs/policy.md를 참조하세요.',
    'policy.validate': '형식 검사',
    'policy.save': '저장 및 배포',
    'policy.valid': 'JSON 형식이 올바릅니다.',
    'policy.invalid_json': 'JSON 형식 오류: {message}',
    'policy.not_object': '정책은 JSON 객체여야 합니다.',
    'policy.group_required': '그룹 이름을 입력하세요.',
    'policy.rejected': '정책이 거부되었습니다: {message}',
    'policy.saved': '{group} 그룹 정책을 저장했습니다 (버전 {version}).',
    'policy.reset': '되돌리기',

    'audit.title': '감사 로그',
    'audit.col.at': '일시',
    'audit.col.admin': '관리자',
    'audit.col.action': '작업',
    'audit.col.subject': '대상',
    'audit.col.detail': '내용',
    'audit.empty': '기록이 없습니다.',
    'audit.action.login': '로그인',
    'audit.action.logout': '로그아웃',
    'audit.action.password_set': '비밀번호 변경',
    'audit.action.policy_set': '정책 저장',
    'audit.action.revoke': '에이전트 폐기',
    'audit.action.exception_approve': '예외 승인',
    'audit.action.exception_deny': '예외 반려',

    'pager.label': '페이지 이동',
    'pager.range': '{total}개 중 {from}–{to}',
    'pager.prev': '이전',
    'pager.next': '다음',
    'pager.size': '페이지당',

    'dialog.confirm': '확인',
    'dialog.cancel': '취소',

    'common.yes': '예',
    'common.no': '아니요',
    'common.none': '—',
    'common.count': '{n}건',
    'common.files': '{n}개',
    'common.days': '{n}일',

    'time.just_now': '방금',
    'time.minutes_ago': '{n}분 전',
    'time.hours_ago': '{n}시간 전',
    'time.days_ago': '{n}일 전',

    'rule.kr_rrn': '주민등록번호',
    'rule.kr_frn': '외국인등록번호',
    'rule.kr_passport': '여권번호',
    'rule.kr_driver_license': '운전면허번호',
    'rule.kr_phone': '전화번호',
    'rule.card_number': '신용카드번호',
    'rule.kr_bank_account': '계좌번호',
    'rule.kr_health_insurance': '건강보험증번호',
    'rule.kr_brn': '사업자등록번호',
    'rule.kr_crn': '법인등록번호',
    'rule.email': '이메일',
    'rule.ipv4': 'IPv4 주소',
    'rule.ipv6': 'IPv6 주소',
    'rule.password': '비밀번호',
    'rule.kr_address': '주소',
    'rule.person_name': '성명',
    'rule.birth_date': '생년월일',
    'rule.sensitive_health': '건강·장애 정보',
    'rule.age_sex': '나이·성별',

    'error.network': '콘솔에 연결할 수 없습니다.',
    'error.forbidden': '요청이 거부되었습니다 (권한 또는 CSRF 토큰).',
    'error.server': '서버 오류: {message}',
  },
  en: {
    'app.title': 'Jamul Personal Data Console',
    'app.short': 'Jamul Console',
    'app.skip': 'Skip to content',
    'app.loading': 'Loading…',
    'app.error': 'Error',
    'app.retry': 'Retry',
    'app.lang': '한국어',
    'app.lang_label': 'Change language: 한국어',
    'app.logout': 'Log out',
    'app.user': 'Admin {user}',
    'app.export': 'Export CSV',
    'app.export_hint': 'Figures per department for submission (UTF-8 CSV for Excel)',
    'app.footer': 'Personal data never leaves the PC. The console keeps only masked excerpts, counts, keyed digests and metadata.',
    'nav.label': 'Main menu',
    'nav.overview': 'Overview',
    'nav.agents': 'Agents',
    'nav.findings': 'Findings',
    'nav.top_files': 'Top files',
    'nav.exceptions': 'Exceptions',
    'nav.policy': 'Policy',
    'nav.audit': 'Audit log',

    'login.title': 'Administrator sign-in',
    'login.lead': 'Sign in to the Jamul console.',
    'login.user': 'User name',
    'login.password': 'Password',
    'login.submit': 'Sign in',
    'login.failed': 'Wrong user name or password.',
    'login.rate_limited': 'Too many sign-in attempts. Try again later.',
    'login.expired': 'Your session has ended. Please sign in again.',

    'password.title': 'Change password',
    'password.lead': 'This is your first sign-in. Replace the one-time password with a new one to continue.',
    'password.old': 'Current password',
    'password.new': 'New password',
    'password.confirm': 'Confirm new password',
    'password.hint': 'At least 12 characters',
    'password.submit': 'Change password',
    'password.too_short': 'The new password must have at least 12 characters.',
    'password.mismatch': 'The new password and its confirmation differ.',
    'password.same': 'The new password must differ from the current one.',
    'password.changed': 'Password changed.',
    'password.wrong_old': 'The current password is wrong.',

    'overview.title': 'Personal data overview',
    'overview.tile.agents': 'Agents',
    'overview.tile.offline': 'Offline',
    'overview.tile.files_with_pii': 'Files with personal data',
    'overview.tile.files_encrypted': 'Encrypted files',
    'overview.tile.rate': 'Encryption rate',
    'overview.tile.items': 'Items found',
    'overview.tile.pending': 'Pending exceptions',
    'overview.sub.agents': 'Enrolled PCs',
    'overview.sub.offline': 'No heartbeat for 3 intervals',
    'overview.sub.files_with_pii': 'Default threshold (medium or above)',
    'overview.sub.files_encrypted': 'Of the files with personal data',
    'overview.sub.rate': 'By files · by items {items}',
    'overview.sub.items': '{encrypted} encrypted',
    'overview.sub.pending': 'Awaiting review',
    'overview.by_rule': 'Items found by type',
    'overview.by_rule_empty': 'No personal data found.',
    'overview.rate_chart': 'Encryption rate over time (last 90 days)',
    'overview.before_after': 'Before/after counts over time (last 90 days)',
    'overview.history_empty': 'No scans recorded yet.',
    'chart.rate_files': 'Rate (files)',
    'chart.rate_items': 'Rate (items)',
    'chart.files_with_pii': 'Files with personal data',
    'chart.files_encrypted': 'Encrypted files',
    'chart.files_plain': 'Files not yet protected',
    'chart.day': 'Day',
    'chart.data_table': 'Chart data',

    'agents.title': 'Agents',
    'agents.search': 'Search',
    'agents.search_placeholder': 'Host, user, department',
    'agents.search_submit': 'Search',
    'agents.state_filter': 'State',
    'agents.state.all': 'All',
    'agents.state.enrolled': 'Enrolled',
    'agents.state.revoked': 'Revoked',
    'agents.col.host': 'Host',
    'agents.col.user': 'User',
    'agents.col.department': 'Department',
    'agents.col.version': 'Version',
    'agents.col.policy_version': 'Policy version',
    'agents.col.last_contact': 'Last contact',
    'agents.col.connection': 'Connection',
    'agents.col.state': 'State',
    'agents.col.files': 'Files',
    'agents.col.encrypted': 'Encrypted',
    'agents.col.outbox': 'Unsent',
    'agents.col.actions': 'Actions',
    'agents.online': 'Online',
    'agents.offline': 'Offline',
    'agents.long_offline': 'Long offline',
    'agents.never': 'Never',
    'agents.revoke': 'Revoke',
    'agents.revoke_title': 'Revoke agent',
    'agents.revoke_confirm': 'Revoke the agent on {host} ({user})? A revoked agent can no longer report to the console and must enroll again.',
    'agents.revoked_done': 'The agent on {host} was revoked.',
    'agents.empty': 'No agents match.',

    'findings.title': 'Findings',
    'findings.by_rule': 'By type',
    'findings.by_department': 'By department',
    'findings.by_volume': 'By removable volume',
    'findings.col.rule': 'Type',
    'findings.col.department': 'Department',
    'findings.col.volume': 'Volume',
    'findings.col.files': 'Files',
    'findings.col.items': 'Items',
    'findings.col.files_encrypted': 'Encrypted files',
    'findings.col.rate': 'Encryption rate',
    'findings.empty': 'Nothing here.',
    'findings.no_department': '(no department)',

    'top.title': 'Top files',
    'top.lead': 'The files with the most findings. Values show only the excerpts masked on the PC.',
    'top.col.rank': 'Rank',
    'top.col.host': 'Host',
    'top.col.path': 'Path',
    'top.col.items': 'Items',
    'top.col.counts': 'By type',
    'top.col.encrypted': 'Encrypted',
    'top.col.excerpts': 'Masked excerpts',
    'top.encrypted': 'Encrypted',
    'top.plain': 'Not protected',
    'top.empty': 'No file with personal data.',

    'exceptions.title': 'Exception requests',
    'exceptions.state_filter': 'State',
    'exceptions.state.pending': 'Pending',
    'exceptions.state.approved': 'Approved',
    'exceptions.state.denied': 'Denied',
    'exceptions.state.expired': 'Expired',
    'exceptions.state.all': 'All',
    'exceptions.col.requested': 'Requested',
    'exceptions.col.host': 'Host',
    'exceptions.col.path': 'File',
    'exceptions.col.owner': 'Requested by',
    'exceptions.col.reason': 'Reason',
    'exceptions.col.days': 'Days',
    'exceptions.col.state': 'State',
    'exceptions.col.decision': 'Decision',
    'exceptions.days_label': 'Days to approve for {path}',
    'exceptions.approve': 'Approve',
    'exceptions.deny': 'Deny',
    'exceptions.deny_title': 'Deny exception request',
    'exceptions.deny_confirm': 'Deny the exception request for {path}?',
    'exceptions.decided': '{by} · {at}',
    'exceptions.expires': 'expires {at}',
    'exceptions.approved_done': 'Exception approved ({days} days).',
    'exceptions.denied_done': 'Exception denied.',
    'exceptions.bad_days': 'Days must be between 1 and 365.',
    'exceptions.empty': 'No exception requests in this state.',

    'policy.title': 'Policy',
    'policy.lead': 'Policies are assigned per group (department), signed with the console key and pushed to the agents. A group without its own policy follows the default group.',
    'policy.group': 'Group',
    'policy.new_group': 'New group…',
    'policy.new_group_name': 'New group name',
    'policy.version': 'Current version',
    'policy.updated': 'Updated',
    'policy.none': 'No policy (the default group applies)',
    'policy.document': 'Policy JSON',
    'policy.help': 'Unknown keys are refused. See docs/policy.md for the keys.',
    'policy.validate': 'Check format',
    'policy.save': 'Save and push',
    'policy.valid': 'The JSON is well formed.',
    'policy.invalid_json': 'Malformed JSON: {message}',
    'policy.not_object': 'A policy must be a JSON object.',
    'policy.group_required': 'Enter a group name.',
    'policy.rejected': 'Policy refused: {message}',
    'policy.saved': 'Policy of group {group} saved (version {version}).',
    'policy.reset': 'Revert',

    'audit.title': 'Audit log',
    'audit.col.at': 'When',
    'audit.col.admin': 'Admin',
    'audit.col.action': 'Action',
    'audit.col.subject': 'Subject',
    'audit.col.detail': 'Detail',
    'audit.empty': 'No entries.',
    'audit.action.login': 'Sign-in',
    'audit.action.logout': 'Sign-out',
    'audit.action.password_set': 'Password change',
    'audit.action.policy_set': 'Policy saved',
    'audit.action.revoke': 'Agent revoked',
    'audit.action.exception_approve': 'Exception approved',
    'audit.action.exception_deny': 'Exception denied',

    'pager.label': 'Pages',
    'pager.range': '{from}–{to} of {total}',
    'pager.prev': 'Previous',
    'pager.next': 'Next',
    'pager.size': 'Per page',

    'dialog.confirm': 'Confirm',
    'dialog.cancel': 'Cancel',

    'common.yes': 'Yes',
    'common.no': 'No',
    'common.none': '—',
    'common.count': '{n}',
    'common.files': '{n}',
    'common.days': '{n} days',

    'time.just_now': 'just now',
    'time.minutes_ago': '{n} min ago',
    'time.hours_ago': '{n} h ago',
    'time.days_ago': '{n} days ago',

    'rule.kr_rrn': 'Resident registration no.',
    'rule.kr_frn': 'Foreigner registration no.',
    'rule.kr_passport': 'Passport no.',
    'rule.kr_driver_license': "Driver's licence no.",
    'rule.kr_phone': 'Phone number',
    'rule.card_number': 'Payment card no.',
    'rule.kr_bank_account': 'Bank account no.',
    'rule.kr_health_insurance': 'Health insurance no.',
    'rule.kr_brn': 'Business registration no.',
    'rule.kr_crn': 'Corporate registration no.',
    'rule.email': 'E-mail address',
    'rule.ipv4': 'IPv4 address',
    'rule.ipv6': 'IPv6 address',
    'rule.password': 'Password',
    'rule.kr_address': 'Postal address',
    'rule.person_name': 'Person name',
    'rule.birth_date': 'Date of birth',
    'rule.sensitive_health': 'Health or disability field',
    'rule.age_sex': 'Age or sex',

    'error.network': 'The console cannot be reached.',
    'error.forbidden': 'Request refused (permission or CSRF token).',
    'error.server': 'Server error: {message}',
  },
};

const kStorageKey = 'jamul.lang';
const kLanguages = ['ko', 'en'];

function initialLanguage() {
  let saved = null;
  try {
    saved = localStorage.getItem(kStorageKey);
  } catch (e) {
    saved = null;  // storage disabled: fall back to the browser's language
  }
  if (kLanguages.includes(saved)) return saved;
  const nav = (navigator.language || 'ko').toLowerCase();
  return nav.startsWith('en') ? 'en' : 'ko';
}

let current = initialLanguage();

export function language() {
  return current;
}

export function languages() {
  return kLanguages.slice();
}

export function setLanguage(lang) {
  if (!kLanguages.includes(lang)) return;
  current = lang;
  try {
    localStorage.setItem(kStorageKey, lang);
  } catch (e) {
    // A choice that cannot be kept still applies to this page.
  }
  document.documentElement.lang = lang;
}

// The table itself, so that a test can check both languages have every key.
export function stringTable() {
  return STRINGS;
}

export function t(key, params) {
  let text = STRINGS[current][key];
  if (text === undefined) text = STRINGS.ko[key];
  if (text === undefined) return key;
  if (params) {
    text = text.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
  }
  return text;
}

// An audit action code shown by its name; a code the table does not know is shown as it is.
export function auditActionName(action) {
  const key = 'audit.action.' + action;
  return STRINGS[current][key] !== undefined ? STRINGS[current][key] : action;
}

// A rule id shown by its name; an id the table does not know is shown as it is.
export function ruleName(rule) {
  const key = 'rule.' + rule;
  return STRINGS[current][key] !== undefined ? STRINGS[current][key] : rule;
}

function locale() {
  return current === 'ko' ? 'ko-KR' : 'en-GB';
}

export function formatNumber(n) {
  if (n === null || n === undefined || Number.isNaN(Number(n))) return t('common.none');
  return new Intl.NumberFormat(locale()).format(Number(n));
}

// A ratio in [0, 1] as a percentage with one decimal; no denominator is shown as a dash.
export function formatPercent(numerator, denominator) {
  if (!denominator) return t('common.none');
  const pct = (100 * numerator) / denominator;
  return new Intl.NumberFormat(locale(), {minimumFractionDigits: 1, maximumFractionDigits: 1})
             .format(pct) + '%';
}

export function formatDateTime(ms) {
  if (!ms) return t('common.none');
  return new Intl.DateTimeFormat(locale(), {
           year: 'numeric', month: '2-digit', day: '2-digit',
           hour: '2-digit', minute: '2-digit', hour12: false,
         }).format(new Date(Number(ms)));
}

export function formatDate(ms) {
  if (!ms) return t('common.none');
  return new Intl.DateTimeFormat(locale(), {year: 'numeric', month: '2-digit', day: '2-digit'})
      .format(new Date(Number(ms)));
}

export function formatRelative(ms, now) {
  if (!ms) return t('agents.never');
  const minutes = Math.floor(((now || Date.now()) - Number(ms)) / 60000);
  if (minutes < 1) return t('time.just_now');
  if (minutes < 60) return t('time.minutes_ago', {n: minutes});
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return t('time.hours_ago', {n: hours});
  return t('time.days_ago', {n: formatNumber(Math.floor(hours / 24))});
}
