<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>BilanPage</name>
    <message numerus="yes">
        <source>%Ln items ({0}) that this app moved to the trash will be deleted for good. They cannot be restored afterwards. Your other items in the trash are not touched.</source>
        <translation>
            <numerusform>%Ln item ({0}) that this app moved to the trash will be deleted for good. It cannot be restored afterwards. Your other items in the trash are not touched.</numerusform>
            <numerusform>%Ln items ({0}) that this app moved to the trash will be deleted for good. They cannot be restored afterwards. Your other items in the trash are not touched.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CleanPage</name>
    <message numerus="yes">
        <source>%Ln items ({0}) will be deleted permanently. This cannot be undone.</source>
        <translation>
            <numerusform>%Ln item ({0}) will be deleted permanently. This cannot be undone.</numerusform>
            <numerusform>%Ln items ({0}) will be deleted permanently. This cannot be undone.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln items ({0}) will be moved to the trash. Nothing is deleted for good: you can undo, and empty them from the trash later.</source>
        <translation>
            <numerusform>%Ln item ({0}) will be moved to the trash. Nothing is deleted for good: you can undo, and empty it from the trash later.</numerusform>
            <numerusform>%Ln items ({0}) will be moved to the trash. Nothing is deleted for good: you can undo, and empty them from the trash later.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This drive has no trash: %Ln items ({1}) go to a quarantine folder (.cleanup-desktop-quarantine in {0}). You can undo, and they count as freed once emptied.</source>
        <translation>
            <numerusform>This drive has no trash: %Ln item ({1}) goes to a quarantine folder (.cleanup-desktop-quarantine in {0}). You can undo, and it counts as freed once emptied.</numerusform>
            <numerusform>This drive has no trash: %Ln items ({1}) go to a quarantine folder (.cleanup-desktop-quarantine in {0}). You can undo, and they count as freed once emptied.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln online-only cloud files ({0}) are deleted from the cloud: they skip the local trash, so the cloud provider&apos;s own recycle bin is the way back.</source>
        <translation>
            <numerusform>%Ln online-only cloud file ({0}) is deleted from the cloud: it skips the local trash, so the cloud provider&apos;s own recycle bin is the way back.</numerusform>
            <numerusform>%Ln online-only cloud files ({0}) are deleted from the cloud: they skip the local trash, so the cloud provider&apos;s own recycle bin is the way back.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln items ({0}) will not go to the trash and cannot be restored. Delete them permanently?</source>
        <translation>
            <numerusform>%Ln item ({0}) will not go to the trash and cannot be restored. Delete it permanently?</numerusform>
            <numerusform>%Ln items ({0}) will not go to the trash and cannot be restored. Delete them permanently?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n items put back from the trash.</source>
        <translation>
            <numerusform>%n item put back from the trash.</numerusform>
            <numerusform>%n items put back from the trash.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n came back under a new name, because a file of the same name is there now:</source>
        <translation>
            <numerusform>%n came back under a new name, because a file of the same name is there now:</numerusform>
            <numerusform>%n came back under a new name, because a file of the same name is there now:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n could not be restored: {0}</source>
        <translation>
            <numerusform>%n could not be restored: {0}</numerusform>
            <numerusform>%n could not be restored: {0}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Undone: %n items are back in their folders.</source>
        <translation>
            <numerusform>Undone: %n item is back in its folder.</numerusform>
            <numerusform>Undone: %n items are back in their folders.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CrashReporter</name>
    <message numerus="yes">
        <source>Cleanup Desktop hit %n unexpected errors. The last one: {0}</source>
        <translation>
            <numerusform>Cleanup Desktop hit %n unexpected error: {0}</numerusform>
            <numerusform>Cleanup Desktop hit %n unexpected errors. The last one: {0}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DevicesForm</name>
    <message numerus="yes">
        <source>Kept in use: %Ln devices, {0} of avoided manufacturing, counted apart from the data figure.</source>
        <translation>
            <numerusform>Kept in use: %Ln device, {0} of avoided manufacturing, counted apart from the data figure.</numerusform>
            <numerusform>Kept in use: %Ln devices, {0} of avoided manufacturing, counted apart from the data figure.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Handed in for recycling: %Ln devices, {0} kg (weights only, no CO2e).</source>
        <translation>
            <numerusform>Handed in for recycling: %Ln device, {0} kg (weights only, no CO2e).</numerusform>
            <numerusform>Handed in for recycling: %Ln devices, {0} kg (weights only, no CO2e).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>These numbers are unusually large for one person (more than %n devices, or more than {0} kg). Are they right?</source>
        <translation>
            <numerusform>These numbers are unusually large for one person (more than %n device, or more than {0} kg). Are they right?</numerusform>
            <numerusform>These numbers are unusually large for one person (more than %n devices, or more than {0} kg). Are they right?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DuplicatesModel</name>
    <message numerus="yes">
        <source>{0} — %n copies</source>
        <translation>
            <numerusform>{0} — %n copy</numerusform>
            <numerusform>{0} — %n copies</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of {0} selected</source>
        <translation>
            <numerusform>%n of {0} selected</numerusform>
            <numerusform>%n of {0} selected</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MailAccountsBox</name>
    <message numerus="yes">
        <source>Connection works: %n folders.</source>
        <translation>
            <numerusform>Connection works: %n folder.</numerusform>
            <numerusform>Connection works: %n folders.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OrganiserPage</name>
    <message numerus="yes">
        <source>%n sheets added up.</source>
        <translation>
            <numerusform>%n sheet added up.</numerusform>
            <numerusform>%n sheets added up.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n older copies of the same sheets were ignored.</source>
        <translation>
            <numerusform>%n older copy of the same sheet was ignored.</numerusform>
            <numerusform>%n older copies of the same sheets were ignored.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sheets</source>
        <translation>
            <numerusform>%n sheet</numerusform>
            <numerusform>%n sheets</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sheets held for review are not added up.</source>
        <translation>
            <numerusform>%n sheet held for review is not added up.</numerusform>
            <numerusform>%n sheets held for review are not added up.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProgressRow</name>
    <message numerus="yes">
        <source>{0} of %Ln files</source>
        <translation>
            <numerusform>{0} of %Ln file</numerusform>
            <numerusform>{0} of %Ln files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln files</source>
        <translation>
            <numerusform>%Ln file</numerusform>
            <numerusform>%Ln files</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message numerus="yes">
        <source>%Ln online-only cloud files ({0}, cloud storage) are listed apart: they are not on this disk, so they are never read nor compared. Deleting one deletes it from the cloud.</source>
        <translation>
            <numerusform>%Ln online-only cloud file ({0}, cloud storage) is listed apart: it is not on this disk, so it is never read nor compared. Deleting it deletes it from the cloud.</numerusform>
            <numerusform>%Ln online-only cloud files ({0}, cloud storage) are listed apart: they are not on this disk, so they are never read nor compared. Deleting one deletes it from the cloud.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Selected: %Ln items · {0} ({1})</source>
        <translation>
            <numerusform>Selected: %Ln item · {0} ({1})</numerusform>
            <numerusform>Selected: %Ln items · {0} ({1})</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ScanPage</name>
    <message numerus="yes">
        <source>Scanning %n folders…</source>
        <translation>
            <numerusform>Scanning %n folder…</numerusform>
            <numerusform>Scanning %n folders…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln mails read ({0}).</source>
        <translation>
            <numerusform>%Ln mail read ({0}).</numerusform>
            <numerusform>%Ln mails read ({0}).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln files read ({0}) in {1}.</source>
        <translation>
            <numerusform>%Ln file read ({0}) in {1}.</numerusform>
            <numerusform>%Ln files read ({0}) in {1}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SheetPdf</name>
    <message numerus="yes">
        <source>%n devices donated, repaired, protected or reused: {0} of avoided manufacturing (one-off, not included in the total above)</source>
        <translation>
            <numerusform>%n device donated, repaired, protected or reused: {0} of avoided manufacturing (one-off, not included in the total above)</numerusform>
            <numerusform>%n devices donated, repaired, protected or reused: {0} of avoided manufacturing (one-off, not included in the total above)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Handed in for recycling: %n devices, {0} kg (weights only: no CO2e is computed for recycling)</source>
        <translation>
            <numerusform>Handed in for recycling: %n device, {0} kg (weights only: no CO2e is computed for recycling)</numerusform>
            <numerusform>Handed in for recycling: %n devices, {0} kg (weights only: no CO2e is computed for recycling)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n files deleted</source>
        <translation>
            <numerusform>%n file deleted</numerusform>
            <numerusform>%n files deleted</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n emails deleted</source>
        <translation>
            <numerusform>%n email deleted</numerusform>
            <numerusform>%n emails deleted</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Beyond data: %n devices kept in use, {0} of avoided manufacturing (one-off, apart from the data figure);</source>
        <translation>
            <numerusform>Beyond data: %n device kept in use, {0} of avoided manufacturing (one-off, apart from the data figure);</numerusform>
            <numerusform>Beyond data: %n devices kept in use, {0} of avoided manufacturing (one-off, apart from the data figure);</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n devices, {0} kg handed in for recycling</source>
        <translation>
            <numerusform>%n device, {0} kg handed in for recycling</numerusform>
            <numerusform>%n devices, {0} kg handed in for recycling</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… %n more teams in the XLSX file</source>
        <translation>
            <numerusform>… %n more team in the XLSX file</numerusform>
            <numerusform>… %n more teams in the XLSX file</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sheets rejected,</source>
        <translation>
            <numerusform>%n sheet rejected,</numerusform>
            <numerusform>%n sheets rejected,</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n duplicates ignored (see the XLSX file)</source>
        <translation>
            <numerusform>%n duplicate ignored (see the XLSX file)</numerusform>
            <numerusform>%n duplicates ignored (see the XLSX file)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n files</source>
        <translation>
            <numerusform>%n file</numerusform>
            <numerusform>%n files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n emails</source>
        <translation>
            <numerusform>%n email</numerusform>
            <numerusform>%n emails</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n apps uninstalled</source>
        <translation>
            <numerusform>%n app uninstalled</numerusform>
            <numerusform>%n apps uninstalled</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n posts</source>
        <translation>
            <numerusform>%n post</numerusform>
            <numerusform>%n posts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Whole-volume usage of the %n volumes holding the cleaned folders: it includes every other change on them (downloads, updates, other programs).</source>
        <translation>
            <numerusform>Whole-volume usage of the volume holding the cleaned folders (%n): it includes every other change on it (downloads, updates, other programs).</numerusform>
            <numerusform>Whole-volume usage of the %n volumes holding the cleaned folders: it includes every other change on them (downloads, updates, other programs).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sheets held for review, NOT added up (see &quot;To review&quot; in the XLSX file; accept one with --accept SHEET_ID)</source>
        <translation>
            <numerusform>%n sheet held for review, NOT added up (see &quot;To review&quot; in the XLSX file; accept it with --accept SHEET_ID)</numerusform>
            <numerusform>%n sheets held for review, NOT added up (see &quot;To review&quot; in the XLSX file; accept one with --accept SHEET_ID)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n files rejected,</source>
        <translation>
            <numerusform>%n file rejected,</numerusform>
            <numerusform>%n files rejected,</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sheets without an event number,</source>
        <translation>
            <numerusform>%n sheet without an event number,</numerusform>
            <numerusform>%n sheets without an event number,</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n older copies ignored (listed with their reason in the XLSX file and summary.json)</source>
        <translation>
            <numerusform>%n older copy ignored (listed with their reason in the XLSX file and summary.json)</numerusform>
            <numerusform>%n older copies ignored (listed with their reason in the XLSX file and summary.json)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sheets used</source>
        <translation>
            <numerusform>%n sheet used</numerusform>
            <numerusform>%n sheets used</numerusform>
        </translation>
    </message>
</context>
</TS>
