<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ErrorText</name>
    <message>
        <source>The request was not valid.</source>
        <translation>The request was not valid.</translation>
    </message>
    <message>
        <source>The file is no longer there.</source>
        <translation>The file is no longer there.</translation>
    </message>
    <message>
        <source>Not your file, or you may not change it.</source>
        <translation>Not your file, or you may not change it.</translation>
    </message>
    <message>
        <source>The file could not be read or written (is the disk full?).</source>
        <translation>The file could not be read or written (is the disk full?).</translation>
    </message>
    <message>
        <source>This kind of file cannot be handled.</source>
        <translation>This kind of file cannot be handled.</translation>
    </message>
    <message>
        <source>The file is damaged.</source>
        <translation>The file is damaged.</translation>
    </message>
    <message>
        <source>This PC&apos;s key does not open the file.</source>
        <translation>This PC&apos;s key does not open the file.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Cancelled.</translation>
    </message>
    <message>
        <source>The Jamul agent is not running.</source>
        <translation>The Jamul agent is not running.</translation>
    </message>
    <message>
        <source>Too many files at once.</source>
        <translation>Too many files at once.</translation>
    </message>
    <message>
        <source>An internal error occurred; see the agent&apos;s log.</source>
        <translation>An internal error occurred; see the agent&apos;s log.</translation>
    </message>
</context>
<context>
    <name>Explanation</name>
    <message>
        <source>its check digit is valid</source>
        <translation>its check digit is valid</translation>
    </message>
    <message>
        <source>a word naming this kind of data is nearby</source>
        <translation>a word naming this kind of data is nearby</translation>
    </message>
    <message>
        <source>it is labelled as such (its own label or column header)</source>
        <translation>it is labelled as such (its own label or column header)</translation>
    </message>
    <message>
        <source>its format alone (separators, valid date or prefix)</source>
        <translation>its format alone (separators, valid date or prefix)</translation>
    </message>
    <message>
        <source>read by text recognition and confirmed</source>
        <translation>read by text recognition and confirmed</translation>
    </message>
    <message>
        <source>State: %1</source>
        <translation>State: %1</translation>
    </message>
    <message>
        <source>Encrypted on %1</source>
        <translation>Encrypted on %1</translation>
    </message>
    <message>
        <source>Exception until %1</source>
        <translation>Exception until %1</translation>
    </message>
    <message>
        <source>On removable disk %1</source>
        <translation>On removable disk %1</translation>
    </message>
    <message>
        <source>Before it was encrypted it held:</source>
        <translation>Before it was encrypted it held:</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n occurrence(s)</source>
        <translation>
            <numerusform>%1: %n occurrence</numerusform>
            <numerusform>%1: %n occurrences</numerusform>
        </translation>
    </message>
    <message>
        <source>Why it was reported</source>
        <translation>Why it was reported</translation>
    </message>
    <message>
        <source>Where: %1</source>
        <translation>Where: %1</translation>
    </message>
    <message numerus="yes">
        <source>(%n time(s))</source>
        <translation>
            <numerusform>(%n time)</numerusform>
            <numerusform>(%n times)</numerusform>
        </translation>
    </message>
    <message>
        <source>Confidence: %1</source>
        <translation>Confidence: %1</translation>
    </message>
    <message>
        <source>it matches the rule for %1 (%2)</source>
        <translation>it matches the rule for %1 (%2)</translation>
    </message>
    <message>
        <source>Because: %1</source>
        <translation>Because: %1</translation>
    </message>
    <message>
        <source>Values are shown masked; Jamul never stores or shows them whole.</source>
        <translation>Values are shown masked; Jamul never stores or shows them whole.</translation>
    </message>
    <message>
        <source>its domain exists</source>
        <translation>its domain exists</translation>
    </message>
</context>
<context>
    <name>LocationText</name>
    <message>
        <source>line %1</source>
        <translation>line %1</translation>
    </message>
    <message>
        <source>paragraph %1</source>
        <translation>paragraph %1</translation>
    </message>
    <message>
        <source>page %1</source>
        <translation>page %1</translation>
    </message>
    <message>
        <source>row %1</source>
        <translation>row %1</translation>
    </message>
    <message>
        <source>column %1</source>
        <translation>column %1</translation>
    </message>
    <message>
        <source>section %1</source>
        <translation>section %1</translation>
    </message>
    <message>
        <source>slide %1</source>
        <translation>slide %1</translation>
    </message>
    <message>
        <source>sheet %1</source>
        <translation>sheet %1</translation>
    </message>
    <message>
        <source>attachment:</source>
        <translation>attachment:</translation>
    </message>
</context>
<context>
    <name>ReportWriter</name>
    <message>
        <source>none yet</source>
        <translation>none yet</translation>
    </message>
    <message>
        <source>Encrypted</source>
        <translation>Encrypted</translation>
    </message>
    <message>
        <source>Decrypted</source>
        <translation>Decrypted</translation>
    </message>
    <message>
        <source>Shredded</source>
        <translation>Shredded</translation>
    </message>
    <message>
        <source>self-check</source>
        <comment>file name of the report</comment>
        <translation>self-check</translation>
    </message>
    <message>
        <source>no files with personal data</source>
        <translation>no files with personal data</translation>
    </message>
    <message>
        <source>en</source>
        <comment>the HTML language code of this translation</comment>
        <translation>en</translation>
    </message>
    <message>
        <source>Personal data self-check report</source>
        <translation>Personal data self-check report</translation>
    </message>
    <message>
        <source>Resident registration numbers and other unique identifiers on this PC, and their encryption</source>
        <translation>Resident registration numbers and other unique identifiers on this PC, and their encryption</translation>
    </message>
    <message>
        <source>Date of check</source>
        <translation>Date of check</translation>
    </message>
    <message>
        <source>Employee</source>
        <translation>Employee</translation>
    </message>
    <message>
        <source>PC</source>
        <translation>PC</translation>
    </message>
    <message>
        <source>Agent version</source>
        <translation>Agent version</translation>
    </message>
    <message>
        <source>Last complete scan</source>
        <translation>Last complete scan</translation>
    </message>
    <message>
        <source>Policy version</source>
        <translation>Policy version</translation>
    </message>
    <message>
        <source>Files with personal data</source>
        <translation>Files with personal data</translation>
    </message>
    <message>
        <source>Encryption rate</source>
        <translation>Encryption rate</translation>
    </message>
    <message>
        <source>Personal data by kind</source>
        <translation>Personal data by kind</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Unprotected files</source>
        <translation>Unprotected files</translation>
    </message>
    <message>
        <source>Unprotected occurrences</source>
        <translation>Unprotected occurrences</translation>
    </message>
    <message>
        <source>Encrypted files</source>
        <translation>Encrypted files</translation>
    </message>
    <message>
        <source>Encrypted occurrences</source>
        <translation>Encrypted occurrences</translation>
    </message>
    <message>
        <source>No personal data found.</source>
        <translation>No personal data found.</translation>
    </message>
    <message>
        <source>Files still unprotected</source>
        <translation>Files still unprotected</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Personal data</source>
        <translation>Personal data</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>None: every file with personal data is protected.</source>
        <translation>None: every file with personal data is protected.</translation>
    </message>
    <message>
        <source>Fixed today</source>
        <translation>Fixed today</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Nothing was fixed today.</source>
        <translation>Nothing was fixed today.</translation>
    </message>
    <message>
        <source>Confirmation</source>
        <translation>Confirmation</translation>
    </message>
    <message>
        <source>I checked my PC for personal data on the date above and took the actions listed.</source>
        <translation>I checked my PC for personal data on the date above and took the actions listed.</translation>
    </message>
    <message>
        <source>%1 (signature)</source>
        <translation>%1 (signature)</translation>
    </message>
    <message>
        <source>Reviewed by</source>
        <translation>Reviewed by</translation>
    </message>
    <message>
        <source>Made by Jamul. Values are never shown: only kinds, counts and file names. Legal basis: Personal Information Protection Act §24-2 and the Standards for Measures to Ensure Safety of Personal Information §7.</source>
        <translation>Made by Jamul. Values are never shown: only kinds, counts and file names. Legal basis: Personal Information Protection Act §24-2 and the Standards for Measures to Ensure Safety of Personal Information §7.</translation>
    </message>
</context>
<context>
    <name>jamul::gui::ExceptionDialog</name>
    <message>
        <source>Request an exception</source>
        <translation>Request an exception</translation>
    </message>
    <message numerus="yes">
        <source>Ask your privacy officer to let %n file(s) stay unencrypted:</source>
        <translation>
            <numerusform>Ask your privacy officer to let %n file stay unencrypted:</numerusform>
            <numerusform>Ask your privacy officer to let %n files stay unencrypted:</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Reason:</translation>
    </message>
    <message>
        <source>e.g. needed for this month&apos;s payroll</source>
        <translation>e.g. needed for this month&apos;s payroll</translation>
    </message>
    <message>
        <source>Reason for the exception</source>
        <translation>Reason for the exception</translation>
    </message>
    <message>
        <source>&amp;Period (days):</source>
        <translation>&amp;Period (days):</translation>
    </message>
    <message>
        <source>How many days the exception lasts</source>
        <translation>How many days the exception lasts</translation>
    </message>
    <message>
        <source>Send &amp;request</source>
        <translation>Send &amp;request</translation>
    </message>
    <message>
        <source>The reason is too long.</source>
        <translation>The reason is too long.</translation>
    </message>
    <message>
        <source>Give a reason: your privacy officer decides on it.</source>
        <translation>Give a reason: your privacy officer decides on it.</translation>
    </message>
</context>
<context>
    <name>jamul::gui::FindingsModel</name>
    <message>
        <source>Low</source>
        <translation>Low</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Medium</translation>
    </message>
    <message>
        <source>High</source>
        <translation>High</translation>
    </message>
    <message>
        <source>Encrypted</source>
        <translation>Encrypted</translation>
    </message>
    <message>
        <source>Exception granted</source>
        <translation>Exception granted</translation>
    </message>
    <message>
        <source>Exception requested</source>
        <translation>Exception requested</translation>
    </message>
    <message>
        <source>Not protected</source>
        <translation>Not protected</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>a kind of personal data and how often it occurs</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Personal data</source>
        <translation>Personal data</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Confidence</translation>
    </message>
    <message>
        <source>Examples (masked)</source>
        <translation>Examples (masked)</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Folder</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Removable disk</source>
        <translation>Removable disk</translation>
    </message>
</context>
<context>
    <name>jamul::gui::OutcomeDialog</name>
    <message>
        <source>Encryption</source>
        <translation>Encryption</translation>
    </message>
    <message>
        <source>Decryption</source>
        <translation>Decryption</translation>
    </message>
    <message>
        <source>Shredding</source>
        <translation>Shredding</translation>
    </message>
    <message>
        <source>Exception requests</source>
        <translation>Exception requests</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n file(s) done.</source>
        <translation>
            <numerusform>%1 of %n file done.</numerusform>
            <numerusform>%1 of %n files done.</numerusform>
        </translation>
    </message>
    <message>
        <source>The others were refused; see why below.</source>
        <translation>The others were refused; see why below.</translation>
    </message>
    <message>
        <source>Cancelled: the remaining files were not touched.</source>
        <translation>Cancelled: the remaining files were not touched.</translation>
    </message>
    <message>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Result for each file</source>
        <translation>Result for each file</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>Request %1 sent; waiting for a decision.</source>
        <translation>Request %1 sent; waiting for a decision.</translation>
    </message>
    <message>
        <source>Deleted for good.</source>
        <translation>Deleted for good.</translation>
    </message>
    <message>
        <source>Now: %1</source>
        <translation>Now: %1</translation>
    </message>
</context>
<context>
    <name>jamul::gui::ResultsWindow</name>
    <message numerus="yes">
        <source>… and %n more file(s)</source>
        <translation>
            <numerusform>… and %n more file</numerusform>
            <numerusform>… and %n more files</numerusform>
        </translation>
    </message>
    <message>
        <source>Jamul — personal data on this PC</source>
        <translation>Jamul — personal data on this PC</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Kind:</translation>
    </message>
    <message>
        <source>&amp;Confidence:</source>
        <translation>&amp;Confidence:</translation>
    </message>
    <message>
        <source>S&amp;tate:</source>
        <translation>S&amp;tate:</translation>
    </message>
    <message>
        <source>F&amp;older:</source>
        <translation>F&amp;older:</translation>
    </message>
    <message>
        <source>part of a folder path (Ctrl+F)</source>
        <translation>part of a folder path (Ctrl+F)</translation>
    </message>
    <message>
        <source>Filter by kind of personal data</source>
        <translation>Filter by kind of personal data</translation>
    </message>
    <message>
        <source>Filter by lowest confidence</source>
        <translation>Filter by lowest confidence</translation>
    </message>
    <message>
        <source>Filter by protection state</source>
        <translation>Filter by protection state</translation>
    </message>
    <message>
        <source>Filter by folder</source>
        <translation>Filter by folder</translation>
    </message>
    <message>
        <source>Files with personal data</source>
        <translation>Files with personal data</translation>
    </message>
    <message>
        <source>Why the selected file was reported</source>
        <translation>Why the selected file was reported</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>Any</translation>
    </message>
    <message>
        <source>Medium or high</source>
        <translation>Medium or high</translation>
    </message>
    <message>
        <source>High only</source>
        <translation>High only</translation>
    </message>
    <message>
        <source>All</source>
        <translation>All</translation>
    </message>
    <message>
        <source>Not protected</source>
        <translation>Not protected</translation>
    </message>
    <message>
        <source>Encrypted</source>
        <translation>Encrypted</translation>
    </message>
    <message>
        <source>Exception</source>
        <translation>Exception</translation>
    </message>
    <message>
        <source>&amp;Encrypt</source>
        <translation>&amp;Encrypt</translation>
    </message>
    <message>
        <source>Encrypt the selected files (Ctrl+E)</source>
        <translation>Encrypt the selected files (Ctrl+E)</translation>
    </message>
    <message>
        <source>&amp;Decrypt</source>
        <translation>&amp;Decrypt</translation>
    </message>
    <message>
        <source>Decrypt the selected encrypted files (Ctrl+D)</source>
        <translation>Decrypt the selected encrypted files (Ctrl+D)</translation>
    </message>
    <message>
        <source>S&amp;hred</source>
        <translation>S&amp;hred</translation>
    </message>
    <message>
        <source>Delete the selected files for good (Shift+Delete)</source>
        <translation>Delete the selected files for good (Shift+Delete)</translation>
    </message>
    <message>
        <source>Open &amp;folder</source>
        <translation>Open &amp;folder</translation>
    </message>
    <message>
        <source>Open the folder of the selected file (Ctrl+O)</source>
        <translation>Open the folder of the selected file (Ctrl+O)</translation>
    </message>
    <message>
        <source>Request e&amp;xception</source>
        <translation>Request e&amp;xception</translation>
    </message>
    <message>
        <source>Ask to keep the selected files as they are (Ctrl+Shift+E)</source>
        <translation>Ask to keep the selected files as they are (Ctrl+Shift+E)</translation>
    </message>
    <message>
        <source>&amp;Scan now</source>
        <translation>&amp;Scan now</translation>
    </message>
    <message>
        <source>Scan this PC again (F5)</source>
        <translation>Scan this PC again (F5)</translation>
    </message>
    <message>
        <source>Save &amp;report</source>
        <translation>Save &amp;report</translation>
    </message>
    <message>
        <source>Save today&apos;s self-check report as PDF and HTML (Ctrl+P)</source>
        <translation>Save today&apos;s self-check report as PDF and HTML (Ctrl+P)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Stop after the current file (Esc)</source>
        <translation>Stop after the current file (Esc)</translation>
    </message>
    <message>
        <source>Progress of the action</source>
        <translation>Progress of the action</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>All kinds</translation>
    </message>
    <message>
        <source>Files with personal data: &lt;b&gt;%1&lt;/b&gt; &amp;nbsp;·&amp;nbsp; encrypted: &lt;b&gt;%2&lt;/b&gt; &amp;nbsp;·&amp;nbsp; encryption rate: &lt;b&gt;%3&lt;/b&gt;</source>
        <translation>Files with personal data: &lt;b&gt;%1&lt;/b&gt; &amp;nbsp;·&amp;nbsp; encrypted: &lt;b&gt;%2&lt;/b&gt; &amp;nbsp;·&amp;nbsp; encryption rate: &lt;b&gt;%3&lt;/b&gt;</translation>
    </message>
    <message>
        <source>The Jamul agent is not reachable; retrying…</source>
        <translation>The Jamul agent is not reachable; retrying…</translation>
    </message>
    <message>
        <source>Scanning… %1%</source>
        <translation>Scanning… %1%</translation>
    </message>
    <message numerus="yes">
        <source>Scanning… %n file(s) so far</source>
        <translation>
            <numerusform>Scanning… %n file so far</numerusform>
            <numerusform>Scanning… %n files so far</numerusform>
        </translation>
    </message>
    <message>
        <source>Scanning is paused</source>
        <translation>Scanning is paused</translation>
    </message>
    <message>
        <source>Last scan: %1</source>
        <translation>Last scan: %1</translation>
    </message>
    <message>
        <source>Not scanned yet</source>
        <translation>Not scanned yet</translation>
    </message>
    <message>
        <source>No personal data was found in your files.</source>
        <translation>No personal data was found in your files.</translation>
    </message>
    <message>
        <source>Select a file to see what was found in it and why.</source>
        <translation>Select a file to see what was found in it and why.</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) selected.</source>
        <translation>
            <numerusform>%n file selected.</numerusform>
            <numerusform>%n files selected.</numerusform>
        </translation>
    </message>
    <message>
        <source>Shred files</source>
        <translation>Shred files</translation>
    </message>
    <message>
        <source>Decrypt files</source>
        <translation>Decrypt files</translation>
    </message>
    <message numerus="yes">
        <source>Delete these %n file(s) for good? They cannot be recovered.</source>
        <translation>
            <numerusform>Delete these %n file for good? They cannot be recovered.</numerusform>
            <numerusform>Delete these %n files for good? They cannot be recovered.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Decrypt these %n file(s)? Their personal data will be readable again.</source>
        <translation>
            <numerusform>Decrypt these %n file? Their personal data will be readable again.</numerusform>
            <numerusform>Decrypt these %n files? Their personal data will be readable again.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Shred</source>
        <translation>&amp;Shred</translation>
    </message>
    <message>
        <source>Encrypting</source>
        <translation>Encrypting</translation>
    </message>
    <message>
        <source>Decrypting</source>
        <translation>Decrypting</translation>
    </message>
    <message>
        <source>Shredding</source>
        <translation>Shredding</translation>
    </message>
    <message>
        <source>Requesting exceptions</source>
        <translation>Requesting exceptions</translation>
    </message>
    <message>
        <source>%1: %2 of %3</source>
        <translation>%1: %2 of %3</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n file(s) done</source>
        <translation>
            <numerusform>%1 of %n file done</numerusform>
            <numerusform>%1 of %n files done</numerusform>
        </translation>
    </message>
    <message>
        <source>Waiting for the Jamul agent…</source>
        <translation>Waiting for the Jamul agent…</translation>
    </message>
    <message>
        <source>Your files have not been scanned yet.</source>
        <translation>Your files have not been scanned yet.</translation>
    </message>
    <message>
        <source>Files with personal data: &lt;b&gt;—&lt;/b&gt;</source>
        <translation>Files with personal data: &lt;b&gt;—&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>jamul::gui::TrayApp</name>
    <message>
        <source>&amp;Scan now</source>
        <translation>&amp;Scan now</translation>
    </message>
    <message>
        <source>&amp;Open results…</source>
        <translation>&amp;Open results…</translation>
    </message>
    <message>
        <source>Save self-check &amp;report</source>
        <translation>Save self-check &amp;report</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>&amp;System default</source>
        <translation>&amp;System default</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>Jamul agent not reachable; retrying</source>
        <translation>Jamul agent not reachable; retrying</translation>
    </message>
    <message>
        <source>Scanning: %1%</source>
        <translation>Scanning: %1%</translation>
    </message>
    <message numerus="yes">
        <source>Scanning: %n file(s) so far</source>
        <translation>
            <numerusform>Scanning: %n file so far</numerusform>
            <numerusform>Scanning: %n files so far</numerusform>
        </translation>
    </message>
    <message>
        <source>Scanning paused</source>
        <translation>Scanning paused</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) with unprotected personal data</source>
        <translation>
            <numerusform>%n file with unprotected personal data</numerusform>
            <numerusform>%n files with unprotected personal data</numerusform>
        </translation>
    </message>
    <message>
        <source>No unprotected personal data</source>
        <translation>No unprotected personal data</translation>
    </message>
    <message>
        <source>&amp;Resume scanning</source>
        <translation>&amp;Resume scanning</translation>
    </message>
    <message>
        <source>&amp;Pause scanning</source>
        <translation>&amp;Pause scanning</translation>
    </message>
    <message>
        <source>Jamul: %1</source>
        <translation>Jamul: %1</translation>
    </message>
    <message>
        <source>Removable disk connected</source>
        <translation>Removable disk connected</translation>
    </message>
    <message>
        <source>Jamul is checking %1 for personal data.</source>
        <translation>Jamul is checking %1 for personal data.</translation>
    </message>
    <message>
        <source>the disk</source>
        <translation>the disk</translation>
    </message>
    <message>
        <source>Personal data found</source>
        <translation>Personal data found</translation>
    </message>
    <message numerus="yes">
        <source>%n new file(s) with personal data. Open the results to protect them.</source>
        <translation>
            <numerusform>%n new file with personal data. Open the results to protect them.</numerusform>
            <numerusform>%n new files with personal data. Open the results to protect them.</numerusform>
        </translation>
    </message>
    <message>
        <source>Your decision is needed</source>
        <translation>Your decision is needed</translation>
    </message>
    <message>
        <source>%1 holds personal data. Choose what to do with it.</source>
        <translation>%1 holds personal data. Choose what to do with it.</translation>
    </message>
    <message>
        <source>Personal data found — your decision</source>
        <translation>Personal data found — your decision</translation>
    </message>
    <message>
        <source>Your organisation&apos;s policy asks you to decide what to do with this file:

%1

It holds: %2</source>
        <translation>Your organisation&apos;s policy asks you to decide what to do with this file:

%1

It holds: %2</translation>
    </message>
    <message>
        <source>&amp;Encrypt</source>
        <translation>&amp;Encrypt</translation>
    </message>
    <message>
        <source>&amp;Keep as it is</source>
        <translation>&amp;Keep as it is</translation>
    </message>
    <message>
        <source>S&amp;hred</source>
        <translation>S&amp;hred</translation>
    </message>
    <message>
        <source>Shred files</source>
        <translation>Shred files</translation>
    </message>
    <message>
        <source>Delete %1 for good? It cannot be recovered.</source>
        <translation>Delete %1 for good? It cannot be recovered.</translation>
    </message>
    <message>
        <source>Self-check report</source>
        <translation>Self-check report</translation>
    </message>
    <message>
        <source>The report could not be saved in %1.</source>
        <translation>The report could not be saved in %1.</translation>
    </message>
    <message>
        <source>Today&apos;s report was saved:
%1
%2</source>
        <translation>Today&apos;s report was saved:
%1
%2</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Open</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <source>Open &amp;folder</source>
        <translation>Open &amp;folder</translation>
    </message>
    <message>
        <source>Not scanned yet</source>
        <translation>Not scanned yet</translation>
    </message>
    <message>
        <source>&amp;Jamul</source>
        <translation>&amp;Jamul</translation>
    </message>
    <message>
        <source>Request e&amp;xception…</source>
        <translation>Request e&amp;xception…</translation>
    </message>
</context>
</TS>
