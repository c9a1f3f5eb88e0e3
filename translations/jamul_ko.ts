<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>ErrorText</name>
    <message>
        <source>The request was not valid.</source>
        <translation>요청이 올바르지 않습니다.</translation>
    </message>
    <message>
        <source>The file is no longer there.</source>
        <translation>파일이 더 이상 없습니다.</translation>
    </message>
    <message>
        <source>Not your file, or you may not change it.</source>
        <translation>본인 파일이 아니거나 변경할 권한이 없습니다.</translation>
    </message>
    <message>
        <source>The file could not be read or written (is the disk full?).</source>
        <translation>파일을 읽거나 쓸 수 없습니다(디스크가 가득 찼는지 확인하십시오).</translation>
    </message>
    <message>
        <source>This kind of file cannot be handled.</source>
        <translation>처리할 수 없는 종류의 파일입니다.</translation>
    </message>
    <message>
        <source>The file is damaged.</source>
        <translation>파일이 손상되었습니다.</translation>
    </message>
    <message>
        <source>This PC&apos;s key does not open the file.</source>
        <translation>이 PC의 키로 파일을 열 수 없습니다.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>취소되었습니다.</translation>
    </message>
    <message>
        <source>The Jamul agent is not running.</source>
        <translation>자물쇠 에이전트가 실행 중이 아닙니다.</translation>
    </message>
    <message>
        <source>Too many files at once.</source>
        <translation>한 번에 처리할 파일이 너무 많습니다.</translation>
    </message>
    <message>
        <source>An internal error occurred; see the agent&apos;s log.</source>
        <translation>내부 오류가 발생했습니다. 에이전트 로그를 확인하십시오.</translation>
    </message>
</context>
<context>
    <name>Explanation</name>
    <message>
        <source>its check digit is valid</source>
        <translation>검증 숫자(체크섬)가 일치함</translation>
    </message>
    <message>
        <source>a word naming this kind of data is nearby</source>
        <translation>주변에 이 유형을 가리키는 단어가 있음</translation>
    </message>
    <message>
        <source>it is labelled as such (its own label or column header)</source>
        <translation>항목명(자체 라벨 또는 표의 열 제목)이 붙어 있음</translation>
    </message>
    <message>
        <source>its format alone (separators, valid date or prefix)</source>
        <translation>형식만으로 판단함(구분 기호, 유효한 날짜 또는 식별 번호대)</translation>
    </message>
    <message>
        <source>read by text recognition and confirmed</source>
        <translation>문자 인식(OCR)으로 읽고 확인함</translation>
    </message>
    <message>
        <source>State: %1</source>
        <translation>상태: %1</translation>
    </message>
    <message>
        <source>Encrypted on %1</source>
        <translation>암호화 일시: %1</translation>
    </message>
    <message>
        <source>Exception until %1</source>
        <translation>예외 기한: %1</translation>
    </message>
    <message>
        <source>On removable disk %1</source>
        <translation>이동식 디스크: %1</translation>
    </message>
    <message>
        <source>Before it was encrypted it held:</source>
        <translation>암호화 전 포함 내용:</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n occurrence(s)</source>
        <translation>
            <numerusform>%1: %n건</numerusform>
        </translation>
    </message>
    <message>
        <source>Why it was reported</source>
        <translation>검출 근거</translation>
    </message>
    <message>
        <source>Where: %1</source>
        <translation>위치: %1</translation>
    </message>
    <message numerus="yes">
        <source>(%n time(s))</source>
        <translation>
            <numerusform>(%n회)</numerusform>
        </translation>
    </message>
    <message>
        <source>Confidence: %1</source>
        <translation>신뢰도: %1</translation>
    </message>
    <message>
        <source>it matches the rule for %1 (%2)</source>
        <translation>%1 규칙(%2)과 일치함</translation>
    </message>
    <message>
        <source>Because: %1</source>
        <translation>근거: %1</translation>
    </message>
    <message>
        <source>Values are shown masked; Jamul never stores or shows them whole.</source>
        <translation>값은 가려서 표시됩니다. 자물쇠는 원래 값을 저장하거나 표시하지 않습니다.</translation>
    </message>
    <message>
        <source>its domain exists</source>
        <translation>도메인이 실제로 있음</translation>
    </message>
</context>
<context>
    <name>LocationText</name>
    <message>
        <source>line %1</source>
        <translation>%1번째 줄</translation>
    </message>
    <message>
        <source>paragraph %1</source>
        <translation>%1번째 문단</translation>
    </message>
    <message>
        <source>page %1</source>
        <translation>%1쪽</translation>
    </message>
    <message>
        <source>row %1</source>
        <translation>%1행</translation>
    </message>
    <message>
        <source>column %1</source>
        <translation>%1열</translation>
    </message>
    <message>
        <source>section %1</source>
        <translation>%1구역</translation>
    </message>
    <message>
        <source>slide %1</source>
        <translation>%1번 슬라이드</translation>
    </message>
    <message>
        <source>sheet %1</source>
        <translation>%1번 시트</translation>
    </message>
    <message>
        <source>attachment:</source>
        <translation>첨부:</translation>
    </message>
</context>
<context>
    <name>ReportWriter</name>
    <message>
        <source>none yet</source>
        <translation>아직 없음</translation>
    </message>
    <message>
        <source>Encrypted</source>
        <translation>암호화됨</translation>
    </message>
    <message>
        <source>Decrypted</source>
        <translation>복호화됨</translation>
    </message>
    <message>
        <source>Shredded</source>
        <translation>완전 삭제됨</translation>
    </message>
    <message>
        <source>self-check</source>
        <comment>file name of the report</comment>
        <translation>자가점검</translation>
    </message>
    <message>
        <source>no files with personal data</source>
        <translation>개인정보 보유 파일 없음</translation>
    </message>
    <message>
        <source>en</source>
        <comment>the HTML language code of this translation</comment>
        <translation>ko</translation>
    </message>
    <message>
        <source>Personal data self-check report</source>
        <translation>개인정보 자가점검 결과서</translation>
    </message>
    <message>
        <source>Resident registration numbers and other unique identifiers on this PC, and their encryption</source>
        <translation>이 PC의 주민등록번호 등 고유식별정보 보유 및 암호화 현황</translation>
    </message>
    <message>
        <source>Date of check</source>
        <translation>점검 일시</translation>
    </message>
    <message>
        <source>Employee</source>
        <translation>점검자</translation>
    </message>
    <message>
        <source>PC</source>
        <translation>PC 이름</translation>
    </message>
    <message>
        <source>Agent version</source>
        <translation>에이전트 버전</translation>
    </message>
    <message>
        <source>Last complete scan</source>
        <translation>최종 전체 검사</translation>
    </message>
    <message>
        <source>Policy version</source>
        <translation>정책 버전</translation>
    </message>
    <message>
        <source>Files with personal data</source>
        <translation>개인정보 보유 파일</translation>
    </message>
    <message>
        <source>Encryption rate</source>
        <translation>암호화율</translation>
    </message>
    <message>
        <source>Personal data by kind</source>
        <translation>유형별 검출 현황</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>유형</translation>
    </message>
    <message>
        <source>Unprotected files</source>
        <translation>미조치 파일 수</translation>
    </message>
    <message>
        <source>Unprotected occurrences</source>
        <translation>미조치 건수</translation>
    </message>
    <message>
        <source>Encrypted files</source>
        <translation>암호화 파일 수</translation>
    </message>
    <message>
        <source>Encrypted occurrences</source>
        <translation>암호화 건수</translation>
    </message>
    <message>
        <source>No personal data found.</source>
        <translation>검출된 개인정보가 없습니다.</translation>
    </message>
    <message>
        <source>Files still unprotected</source>
        <translation>미조치 파일 목록</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>번호</translation>
    </message>
    <message>
        <source>File</source>
        <translation>파일</translation>
    </message>
    <message>
        <source>Personal data</source>
        <translation>개인정보</translation>
    </message>
    <message>
        <source>State</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>None: every file with personal data is protected.</source>
        <translation>없음: 개인정보가 있는 모든 파일이 보호되어 있습니다.</translation>
    </message>
    <message>
        <source>Fixed today</source>
        <translation>금일 조치 내역</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>시각</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>조치</translation>
    </message>
    <message>
        <source>Nothing was fixed today.</source>
        <translation>오늘 조치한 내역이 없습니다.</translation>
    </message>
    <message>
        <source>Confirmation</source>
        <translation>확인</translation>
    </message>
    <message>
        <source>I checked my PC for personal data on the date above and took the actions listed.</source>
        <translation>본인은 위 일시에 본인 PC의 개인정보 보유 현황을 점검하고 위와 같이 조치하였음을 확인합니다.</translation>
    </message>
    <message>
        <source>%1 (signature)</source>
        <translation>%1 (서명)</translation>
    </message>
    <message>
        <source>Reviewed by</source>
        <translation>확인자</translation>
    </message>
    <message>
        <source>Made by Jamul. Values are never shown: only kinds, counts and file names. Legal basis: Personal Information Protection Act §24-2 and the Standards for Measures to Ensure Safety of Personal Information §7.</source>
        <translation>자물쇠가 작성함. 개인정보 값은 표시하지 않고 유형, 건수, 파일 이름만 기재합니다. 근거: 개인정보 보호법 제24조의2, 개인정보의 안전성 확보조치 기준 제7조.</translation>
    </message>
</context>
<context>
    <name>jamul::gui::ExceptionDialog</name>
    <message>
        <source>Request an exception</source>
        <translation>예외 신청</translation>
    </message>
    <message numerus="yes">
        <source>Ask your privacy officer to let %n file(s) stay unencrypted:</source>
        <translation>
            <numerusform>다음 파일 %n개를 암호화하지 않고 두도록 개인정보 담당자에게 요청합니다:</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>사유(&amp;R):</translation>
    </message>
    <message>
        <source>e.g. needed for this month&apos;s payroll</source>
        <translation>예: 이번 달 급여 처리에 필요</translation>
    </message>
    <message>
        <source>Reason for the exception</source>
        <translation>예외 신청 사유</translation>
    </message>
    <message>
        <source>&amp;Period (days):</source>
        <translation>기간(일)(&amp;P):</translation>
    </message>
    <message>
        <source>How many days the exception lasts</source>
        <translation>예외 적용 기간(일)</translation>
    </message>
    <message>
        <source>Send &amp;request</source>
        <translation>신청(&amp;R)</translation>
    </message>
    <message>
        <source>The reason is too long.</source>
        <translation>사유가 너무 깁니다.</translation>
    </message>
    <message>
        <source>Give a reason: your privacy officer decides on it.</source>
        <translation>사유를 입력하십시오. 개인정보 담당자가 검토하여 결정합니다.</translation>
    </message>
</context>
<context>
    <name>jamul::gui::FindingsModel</name>
    <message>
        <source>Low</source>
        <translation>낮음</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>중간</translation>
    </message>
    <message>
        <source>High</source>
        <translation>높음</translation>
    </message>
    <message>
        <source>Encrypted</source>
        <translation>암호화됨</translation>
    </message>
    <message>
        <source>Exception granted</source>
        <translation>예외 승인됨</translation>
    </message>
    <message>
        <source>Exception requested</source>
        <translation>예외 신청 중</translation>
    </message>
    <message>
        <source>Not protected</source>
        <translation>미조치</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>a kind of personal data and how often it occurs</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>File</source>
        <translation>파일</translation>
    </message>
    <message>
        <source>Personal data</source>
        <translation>개인정보</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>신뢰도</translation>
    </message>
    <message>
        <source>Examples (masked)</source>
        <translation>예시(마스킹)</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>폴더</translation>
    </message>
    <message>
        <source>State</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Removable disk</source>
        <translation>이동식 디스크</translation>
    </message>
</context>
<context>
    <name>jamul::gui::OutcomeDialog</name>
    <message>
        <source>Encryption</source>
        <translation>암호화</translation>
    </message>
    <message>
        <source>Decryption</source>
        <translation>복호화</translation>
    </message>
    <message>
        <source>Shredding</source>
        <translation>완전 삭제</translation>
    </message>
    <message>
        <source>Exception requests</source>
        <translation>예외 신청</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n file(s) done.</source>
        <translation>
            <numerusform>파일 %n개 중 %1개를 처리했습니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>The others were refused; see why below.</source>
        <translation>나머지는 거부되었습니다. 아래에서 사유를 확인하십시오.</translation>
    </message>
    <message>
        <source>Cancelled: the remaining files were not touched.</source>
        <translation>취소됨: 남은 파일은 변경하지 않았습니다.</translation>
    </message>
    <message>
        <source>File</source>
        <translation>파일</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>결과</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>내용</translation>
    </message>
    <message>
        <source>Result for each file</source>
        <translation>파일별 처리 결과</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>완료</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>거부됨</translation>
    </message>
    <message>
        <source>Request %1 sent; waiting for a decision.</source>
        <translation>신청 %1번을 보냈습니다. 결정을 기다리는 중입니다.</translation>
    </message>
    <message>
        <source>Deleted for good.</source>
        <translation>완전히 삭제했습니다.</translation>
    </message>
    <message>
        <source>Now: %1</source>
        <translation>변경 후: %1</translation>
    </message>
</context>
<context>
    <name>jamul::gui::ResultsWindow</name>
    <message numerus="yes">
        <source>… and %n more file(s)</source>
        <translation>
            <numerusform>… 외 %n개 파일</numerusform>
        </translation>
    </message>
    <message>
        <source>Jamul — personal data on this PC</source>
        <translation>자물쇠 — 이 PC의 개인정보</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>유형(&amp;K):</translation>
    </message>
    <message>
        <source>&amp;Confidence:</source>
        <translation>신뢰도(&amp;C):</translation>
    </message>
    <message>
        <source>S&amp;tate:</source>
        <translation>상태(&amp;T):</translation>
    </message>
    <message>
        <source>F&amp;older:</source>
        <translation>폴더(&amp;O):</translation>
    </message>
    <message>
        <source>part of a folder path (Ctrl+F)</source>
        <translation>폴더 경로의 일부 (Ctrl+F)</translation>
    </message>
    <message>
        <source>Filter by kind of personal data</source>
        <translation>개인정보 유형으로 거르기</translation>
    </message>
    <message>
        <source>Filter by lowest confidence</source>
        <translation>최소 신뢰도로 거르기</translation>
    </message>
    <message>
        <source>Filter by protection state</source>
        <translation>보호 상태로 거르기</translation>
    </message>
    <message>
        <source>Filter by folder</source>
        <translation>폴더로 거르기</translation>
    </message>
    <message>
        <source>Files with personal data</source>
        <translation>개인정보 보유 파일</translation>
    </message>
    <message>
        <source>Why the selected file was reported</source>
        <translation>선택한 파일의 검출 근거</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>요약</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>전체</translation>
    </message>
    <message>
        <source>Medium or high</source>
        <translation>중간 이상</translation>
    </message>
    <message>
        <source>High only</source>
        <translation>높음만</translation>
    </message>
    <message>
        <source>All</source>
        <translation>전체</translation>
    </message>
    <message>
        <source>Not protected</source>
        <translation>미조치</translation>
    </message>
    <message>
        <source>Encrypted</source>
        <translation>암호화됨</translation>
    </message>
    <message>
        <source>Exception</source>
        <translation>예외</translation>
    </message>
    <message>
        <source>&amp;Encrypt</source>
        <translation>암호화(&amp;E)</translation>
    </message>
    <message>
        <source>Encrypt the selected files (Ctrl+E)</source>
        <translation>선택한 파일 암호화 (Ctrl+E)</translation>
    </message>
    <message>
        <source>&amp;Decrypt</source>
        <translation>복호화(&amp;D)</translation>
    </message>
    <message>
        <source>Decrypt the selected encrypted files (Ctrl+D)</source>
        <translation>선택한 암호화 파일 복호화 (Ctrl+D)</translation>
    </message>
    <message>
        <source>S&amp;hred</source>
        <translation>완전 삭제(&amp;H)</translation>
    </message>
    <message>
        <source>Delete the selected files for good (Shift+Delete)</source>
        <translation>선택한 파일을 복구할 수 없게 삭제 (Shift+Delete)</translation>
    </message>
    <message>
        <source>Open &amp;folder</source>
        <translation>폴더 열기(&amp;F)</translation>
    </message>
    <message>
        <source>Open the folder of the selected file (Ctrl+O)</source>
        <translation>선택한 파일이 있는 폴더 열기 (Ctrl+O)</translation>
    </message>
    <message>
        <source>Request e&amp;xception</source>
        <translation>예외 신청(&amp;X)</translation>
    </message>
    <message>
        <source>Ask to keep the selected files as they are (Ctrl+Shift+E)</source>
        <translation>선택한 파일을 그대로 두도록 신청 (Ctrl+Shift+E)</translation>
    </message>
    <message>
        <source>&amp;Scan now</source>
        <translation>지금 검사(&amp;S)</translation>
    </message>
    <message>
        <source>Scan this PC again (F5)</source>
        <translation>이 PC 다시 검사 (F5)</translation>
    </message>
    <message>
        <source>Save &amp;report</source>
        <translation>결과서 저장(&amp;R)</translation>
    </message>
    <message>
        <source>Save today&apos;s self-check report as PDF and HTML (Ctrl+P)</source>
        <translation>오늘의 자가점검 결과서를 PDF와 HTML로 저장 (Ctrl+P)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Stop after the current file (Esc)</source>
        <translation>지금 처리 중인 파일 다음에 멈춤 (Esc)</translation>
    </message>
    <message>
        <source>Progress of the action</source>
        <translation>작업 진행률</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>전체 유형</translation>
    </message>
    <message>
        <source>Files with personal data: &lt;b&gt;%1&lt;/b&gt; &amp;nbsp;·&amp;nbsp; encrypted: &lt;b&gt;%2&lt;/b&gt; &amp;nbsp;·&amp;nbsp; encryption rate: &lt;b&gt;%3&lt;/b&gt;</source>
        <translation>개인정보 보유 파일: &lt;b&gt;%1&lt;/b&gt; &amp;nbsp;·&amp;nbsp; 암호화: &lt;b&gt;%2&lt;/b&gt; &amp;nbsp;·&amp;nbsp; 암호화율: &lt;b&gt;%3&lt;/b&gt;</translation>
    </message>
    <message>
        <source>The Jamul agent is not reachable; retrying…</source>
        <translation>자물쇠 에이전트에 연결할 수 없습니다. 다시 시도하는 중…</translation>
    </message>
    <message>
        <source>Scanning… %1%</source>
        <translation>검사 중… %1%</translation>
    </message>
    <message numerus="yes">
        <source>Scanning… %n file(s) so far</source>
        <translation>
            <numerusform>검사 중… 지금까지 %n개 파일</numerusform>
        </translation>
    </message>
    <message>
        <source>Scanning is paused</source>
        <translation>검사 일시 중지됨</translation>
    </message>
    <message>
        <source>Last scan: %1</source>
        <translation>최근 검사: %1</translation>
    </message>
    <message>
        <source>Not scanned yet</source>
        <translation>아직 검사하지 않음</translation>
    </message>
    <message>
        <source>No personal data was found in your files.</source>
        <translation>파일에서 개인정보가 발견되지 않았습니다.</translation>
    </message>
    <message>
        <source>Select a file to see what was found in it and why.</source>
        <translation>파일을 선택하면 무엇이 왜 검출되었는지 보여 줍니다.</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) selected.</source>
        <translation>
            <numerusform>파일 %n개 선택됨.</numerusform>
        </translation>
    </message>
    <message>
        <source>Shred files</source>
        <translation>파일 완전 삭제</translation>
    </message>
    <message>
        <source>Decrypt files</source>
        <translation>파일 복호화</translation>
    </message>
    <message numerus="yes">
        <source>Delete these %n file(s) for good? They cannot be recovered.</source>
        <translation>
            <numerusform>이 파일 %n개를 완전히 삭제하시겠습니까? 복구할 수 없습니다.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Decrypt these %n file(s)? Their personal data will be readable again.</source>
        <translation>
            <numerusform>이 파일 %n개를 복호화하시겠습니까? 개인정보를 다시 읽을 수 있게 됩니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Shred</source>
        <translation>완전 삭제(&amp;S)</translation>
    </message>
    <message>
        <source>Encrypting</source>
        <translation>암호화 중</translation>
    </message>
    <message>
        <source>Decrypting</source>
        <translation>복호화 중</translation>
    </message>
    <message>
        <source>Shredding</source>
        <translation>완전 삭제</translation>
    </message>
    <message>
        <source>Requesting exceptions</source>
        <translation>예외 신청 중</translation>
    </message>
    <message>
        <source>%1: %2 of %3</source>
        <translation>%1: %3개 중 %2개</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n file(s) done</source>
        <translation>
            <numerusform>파일 %n개 중 %1개 완료</numerusform>
        </translation>
    </message>
    <message>
        <source>Waiting for the Jamul agent…</source>
        <translation>자물쇠 에이전트를 기다리는 중…</translation>
    </message>
    <message>
        <source>Your files have not been scanned yet.</source>
        <translation>아직 파일을 검사하지 않았습니다.</translation>
    </message>
    <message>
        <source>Files with personal data: &lt;b&gt;—&lt;/b&gt;</source>
        <translation>개인정보 보유 파일: &lt;b&gt;—&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>jamul::gui::TrayApp</name>
    <message>
        <source>&amp;Scan now</source>
        <translation>지금 검사(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Open results…</source>
        <translation>결과 보기(&amp;O)…</translation>
    </message>
    <message>
        <source>Save self-check &amp;report</source>
        <translation>자가점검 결과서 저장(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>언어(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;System default</source>
        <translation>시스템 설정(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>끝내기(&amp;Q)</translation>
    </message>
    <message>
        <source>Jamul agent not reachable; retrying</source>
        <translation>자물쇠 에이전트에 연결할 수 없음, 다시 시도 중</translation>
    </message>
    <message>
        <source>Scanning: %1%</source>
        <translation>검사 중: %1%</translation>
    </message>
    <message numerus="yes">
        <source>Scanning: %n file(s) so far</source>
        <translation>
            <numerusform>검사 중: 지금까지 %n개 파일</numerusform>
        </translation>
    </message>
    <message>
        <source>Scanning paused</source>
        <translation>검사 일시 중지됨</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) with unprotected personal data</source>
        <translation>
            <numerusform>보호되지 않은 개인정보 파일 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>No unprotected personal data</source>
        <translation>보호되지 않은 개인정보 없음</translation>
    </message>
    <message>
        <source>&amp;Resume scanning</source>
        <translation>검사 다시 시작(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Pause scanning</source>
        <translation>검사 일시 중지(&amp;P)</translation>
    </message>
    <message>
        <source>Jamul: %1</source>
        <translation>자물쇠: %1</translation>
    </message>
    <message>
        <source>Removable disk connected</source>
        <translation>이동식 디스크 연결됨</translation>
    </message>
    <message>
        <source>Jamul is checking %1 for personal data.</source>
        <translation>자물쇠가 %1에서 개인정보를 검사하고 있습니다.</translation>
    </message>
    <message>
        <source>the disk</source>
        <translation>디스크</translation>
    </message>
    <message>
        <source>Personal data found</source>
        <translation>개인정보 발견</translation>
    </message>
    <message numerus="yes">
        <source>%n new file(s) with personal data. Open the results to protect them.</source>
        <translation>
            <numerusform>개인정보가 있는 새 파일 %n개. 결과를 열어 보호 조치하십시오.</numerusform>
        </translation>
    </message>
    <message>
        <source>Your decision is needed</source>
        <translation>조치 결정이 필요합니다</translation>
    </message>
    <message>
        <source>%1 holds personal data. Choose what to do with it.</source>
        <translation>%1에 개인정보가 있습니다. 어떻게 할지 선택하십시오.</translation>
    </message>
    <message>
        <source>Personal data found — your decision</source>
        <translation>개인정보 발견 — 조치 선택</translation>
    </message>
    <message>
        <source>Your organisation&apos;s policy asks you to decide what to do with this file:

%1

It holds: %2</source>
        <translation>기관 정책에 따라 이 파일의 조치를 선택해야 합니다:

%1

포함된 개인정보: %2</translation>
    </message>
    <message>
        <source>&amp;Encrypt</source>
        <translation>암호화(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Keep as it is</source>
        <translation>그대로 두기(&amp;K)</translation>
    </message>
    <message>
        <source>S&amp;hred</source>
        <translation>완전 삭제(&amp;H)</translation>
    </message>
    <message>
        <source>Shred files</source>
        <translation>파일 완전 삭제</translation>
    </message>
    <message>
        <source>Delete %1 for good? It cannot be recovered.</source>
        <translation>%1을(를) 완전히 삭제하시겠습니까? 복구할 수 없습니다.</translation>
    </message>
    <message>
        <source>Self-check report</source>
        <translation>자가점검 결과서</translation>
    </message>
    <message>
        <source>The report could not be saved in %1.</source>
        <translation>%1에 결과서를 저장하지 못했습니다.</translation>
    </message>
    <message>
        <source>Today&apos;s report was saved:
%1
%2</source>
        <translation>오늘의 결과서를 저장했습니다:
%1
%2</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>열기(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>인쇄(&amp;P)…</translation>
    </message>
    <message>
        <source>Open &amp;folder</source>
        <translation>폴더 열기(&amp;F)</translation>
    </message>
    <message>
        <source>Not scanned yet</source>
        <translation>아직 검사하지 않음</translation>
    </message>
    <message>
        <source>&amp;Jamul</source>
        <translation>자물쇠(&amp;J)</translation>
    </message>
    <message>
        <source>Request e&amp;xception…</source>
        <translation>예외 신청(&amp;X)…</translation>
    </message>
</context>
</TS>
