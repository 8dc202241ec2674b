<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>BilanPage</name>
    <message>
        <source>Your bilan</source>
        <translation>Votre bilan</translation>
    </message>
    <message>
        <source>What you freed, measured from the files themselves. 1 GB = 10^9 bytes.</source>
        <translation>Ce que vous avez libéré, mesuré sur les fichiers eux-mêmes. 1 Go = 10^9 octets.</translation>
    </message>
    <message>
        <source>&amp;Export my measurement sheet…</source>
        <translation>&amp;Exporter ma fiche de mesure…</translation>
    </message>
    <message>
        <source>freed on this computer</source>
        <translation>libérés sur cet ordinateur</translation>
    </message>
    <message>
        <source>freed on servers (cloud, mail)</source>
        <translation>libérés sur des serveurs (cloud, messagerie)</translation>
    </message>
    <message>
        <source>still in the trash: not freed yet</source>
        <translation>encore dans la corbeille : pas encore libérés</translation>
    </message>
    <message>
        <source>files and mails deleted</source>
        <translation>fichiers et e-mails supprimés</translation>
    </message>
    <message>
        <source>avoided (CO2 equivalent)</source>
        <translation>évités (équivalent CO2)</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Méthode</translation>
    </message>
    <message>
        <source>Empty &amp;what I trashed</source>
        <translation>&amp;Vider ce que j’ai mis à la corbeille</translation>
    </message>
    <message>
        <source>Removes for good only the items this app moved to the trash</source>
        <translation>Supprime définitivement uniquement les éléments que cette application a mis à la corbeille</translation>
    </message>
    <message>
        <source>By category</source>
        <translation>Par catégorie</translation>
    </message>
    <message>
        <source>Nothing cleaned yet</source>
        <translation>Rien de nettoyé pour l’instant</translation>
    </message>
    <message>
        <source>Before and after (disk and mailbox usage)</source>
        <translation>Avant et après (occupation des disques et messageries)</translation>
    </message>
    <message>
        <source>Measured at the first scan and after the last cleanup; other activity moves these figures too, so the freed amount above comes from the files themselves.</source>
        <translation>Mesuré à la première analyse et après le dernier nettoyage ; d’autres activités font aussi varier ces chiffres, c’est pourquoi le volume libéré ci-dessus est mesuré sur les fichiers eux-mêmes.</translation>
    </message>
    <message>
        <source>Beyond data</source>
        <translation>Au-delà des données</translation>
    </message>
    <message>
        <source>About 60-80 % of a device&apos;s footprint comes from making it: keeping your computer and phone longer matters more than deleting data. Give unused devices a second life (donate, repair, reuse) or bring them to your organiser&apos;s collection point for recycling.</source>
        <translation>Environ 60 à 80 % de l’empreinte d’un appareil vient de sa fabrication : garder plus longtemps son ordinateur et son téléphone compte davantage que supprimer des données. Donnez une seconde vie aux appareils inutilisés (don, réparation, réemploi) ou déposez-les au point de collecte de votre organisateur pour le recyclage.</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <source>Bilan</source>
        <translation>Bilan</translation>
    </message>
    <message>
        <source>Method: {0}.</source>
        <translation>Méthode : {0}.</translation>
    </message>
    <message>
        <source>Range: {0} to {1}.</source>
        <translation>Fourchette : {0} à {1}.</translation>
    </message>
    <message>
        <source>First year: one year of avoided storage plus one-off savings.</source>
        <translation>Première année : un an de stockage évité plus les gains ponctuels.</translation>
    </message>
    <message>
        <source>Per year of avoided storage.</source>
        <translation>Par année de stockage évité.</translation>
    </message>
    <message>
        <source>You still have {0} in the trash from this cleanup: empty what you trashed to free it for good and count it.</source>
        <translation>Il reste {0} dans la corbeille depuis ce nettoyage : videz ce que vous y avez mis pour le libérer vraiment et le compter.</translation>
    </message>
    <message>
        <source>Nothing of yours is waiting in the trash.</source>
        <translation>Rien de ce que vous avez supprimé n’attend dans la corbeille.</translation>
    </message>
    <message>
        <source>Duplicates</source>
        <translation>Doublons</translation>
    </message>
    <message>
        <source>Temporary files</source>
        <translation>Fichiers temporaires</translation>
    </message>
    <message>
        <source>Large files</source>
        <translation>Gros fichiers</translation>
    </message>
    <message>
        <source>Old files</source>
        <translation>Fichiers anciens</translation>
    </message>
    <message>
        <source>Duplicate mails</source>
        <translation>E-mails en double</translation>
    </message>
    <message>
        <source>Large mails</source>
        <translation>Gros e-mails</translation>
    </message>
    <message>
        <source>Old bulky mails</source>
        <translation>Vieux e-mails volumineux</translation>
    </message>
    <message>
        <source>Mails of bulky senders</source>
        <translation>E-mails d’expéditeurs encombrants</translation>
    </message>
    <message>
        <source>{0}: freed</source>
        <translation>{0} : libéré</translation>
    </message>
    <message>
        <source>{0}: in the trash</source>
        <translation>{0} : dans la corbeille</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>Cet ordinateur</translation>
    </message>
    <message>
        <source>Cloud drive</source>
        <translation>Stockage cloud</translation>
    </message>
    <message>
        <source>Network share</source>
        <translation>Partage réseau</translation>
    </message>
    <message>
        <source>Mailbox</source>
        <translation>Boîte aux lettres</translation>
    </message>
    <message>
        <source>Local mail files</source>
        <translation>Fichiers de messagerie locaux</translation>
    </message>
    <message>
        <source>{0}: before</source>
        <translation>{0} : avant</translation>
    </message>
    <message>
        <source>{0}: after</source>
        <translation>{0} : après</translation>
    </message>
    <message>
        <source>That is about: {0}</source>
        <translation>Cela représente environ : {0}</translation>
    </message>
    <message>
        <source>Empty what you trashed?</source>
        <translation>Vider ce que vous avez mis à la corbeille ?</translation>
    </message>
    <message numerus="yes">
        <source>%Ln items ({0}) that this app moved to the trash will be deleted for good. They cannot be restored afterwards. Your other items in the trash are not touched.</source>
        <translation>
            <numerusform>%Ln élément ({0}) que cette application a mis à la corbeille sera supprimé définitivement. Il ne pourra plus être restauré. Les autres éléments de votre corbeille ne sont pas touchés.</numerusform>
            <numerusform>%Ln éléments ({0}) que cette application a mis à la corbeille seront supprimés définitivement. Ils ne pourront plus être restaurés. Les autres éléments de votre corbeille ne sont pas touchés.</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete for good</source>
        <translation>Supprimer définitivement</translation>
    </message>
    <message>
        <source>Emptied from the trash: {0} really freed.</source>
        <translation>Vidé de la corbeille : {0} réellement libérés.</translation>
    </message>
    <message>
        <source>Sheet written: {0}. Send it to your organiser.</source>
        <translation>Fiche enregistrée : {0}. Envoyez-la à votre organisateur.</translation>
    </message>
</context>
<context>
    <name>CategoryView</name>
    <message>
        <source>Filter by name or folder…</source>
        <translation>Filtrer par nom ou dossier…</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>Filtre</translation>
    </message>
    <message>
        <source>Items found</source>
        <translation>Éléments trouvés</translation>
    </message>
</context>
<context>
    <name>CleanPage</name>
    <message>
        <source>Clean</source>
        <translation>Nettoyage</translation>
    </message>
    <message>
        <source>Check what will happen, then confirm. Every file is checked again just before it is touched.</source>
        <translation>Vérifiez ce qui va se passer, puis confirmez. Chaque fichier est revérifié juste avant d’être traité.</translation>
    </message>
    <message>
        <source>&amp;Move to the trash</source>
        <translation>&amp;Mettre à la corbeille</translation>
    </message>
    <message>
        <source>What will happen</source>
        <translation>Ce qui va se passer</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Éléments</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>What will be cleaned, by category</source>
        <translation>Ce qui sera nettoyé, par catégorie</translation>
    </message>
    <message>
        <source>Cleaning</source>
        <translation>Nettoyage</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>items cleaned</source>
        <translation>éléments nettoyés</translation>
    </message>
    <message>
        <source>moved to the trash (recoverable)</source>
        <translation>mis à la corbeille (récupérables)</translation>
    </message>
    <message>
        <source>freed for good</source>
        <translation>libérés définitivement</translation>
    </message>
    <message>
        <source>skipped for safety</source>
        <translation>laissés par sécurité</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <source>&amp;Undo: put everything back</source>
        <translation>Ann&amp;uler : tout remettre en place</translation>
    </message>
    <message>
        <source>Nothing selected yet: review what was found first.</source>
        <translation>Rien n’est sélectionné : vérifiez d’abord ce qui a été trouvé.</translation>
    </message>
    <message>
        <source>Go to the &amp;review</source>
        <translation>Aller à la &amp;vérification</translation>
    </message>
    <message>
        <source>Preparing the list of what will be cleaned…</source>
        <translation>Préparation de la liste de ce qui sera nettoyé…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln items ({0}) will be deleted permanently. This cannot be undone.</source>
        <translation>
            <numerusform>%Ln élément ({0}) sera supprimé définitivement. C&apos;est irréversible.</numerusform>
            <numerusform>%Ln éléments ({0}) seront supprimés définitivement. C&apos;est irréversible.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln items ({0}) will be moved to the trash. Nothing is deleted for good: you can undo, and empty them from the trash later.</source>
        <translation>
            <numerusform>%Ln élément ({0}) sera mis à la corbeille. Rien n&apos;est supprimé définitivement : vous pouvez annuler, et le vider de la corbeille plus tard.</numerusform>
            <numerusform>%Ln éléments ({0}) seront mis à la corbeille. Rien n&apos;est supprimé définitivement : vous pouvez annuler, et les vider de la corbeille plus tard.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This drive has no trash: %Ln items ({1}) go to a quarantine folder (.cleanup-desktop-quarantine in {0}). You can undo, and they count as freed once emptied.</source>
        <translation>
            <numerusform>Ce disque n&apos;a pas de corbeille : %Ln élément ({1}) va dans un dossier de quarantaine (.cleanup-desktop-quarantine dans {0}). Vous pouvez annuler, et il compte comme libéré une fois vidé.</numerusform>
            <numerusform>Ce disque n&apos;a pas de corbeille : %Ln éléments ({1}) vont dans un dossier de quarantaine (.cleanup-desktop-quarantine dans {0}). Vous pouvez annuler, et ils comptent comme libérés une fois vidés.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln online-only cloud files ({0}) are deleted from the cloud: they skip the local trash, so the cloud provider&apos;s own recycle bin is the way back.</source>
        <translation>
            <numerusform>%Ln fichier cloud disponible en ligne uniquement ({0}) est supprimé du cloud : il ne passe pas par la corbeille locale, c&apos;est la corbeille du fournisseur cloud qui permet de le récupérer.</numerusform>
            <numerusform>%Ln fichiers cloud disponibles en ligne uniquement ({0}) sont supprimés du cloud : ils ne passent pas par la corbeille locale, c&apos;est la corbeille du fournisseur cloud qui permet de les récupérer.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln items ({0}) will not go to the trash and cannot be restored. Delete them permanently?</source>
        <translation>
            <numerusform>%Ln élément ({0}) n&apos;ira pas à la corbeille et ne pourra pas être restauré. Le supprimer définitivement ?</numerusform>
            <numerusform>%Ln éléments ({0}) n&apos;iront pas à la corbeille et ne pourront pas être restaurés. Les supprimer définitivement ?</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete permanently</source>
        <translation>Supprimer définitivement</translation>
    </message>
    <message>
        <source>restored</source>
        <translation>restauré</translation>
    </message>
    <message numerus="yes">
        <source>%n items put back from the trash.</source>
        <translation>
            <numerusform>%n élément remis en place depuis la corbeille.</numerusform>
            <numerusform>%n éléments remis en place depuis la corbeille.</numerusform>
        </translation>
    </message>
    <message>
        <source>{0} as {1}</source>
        <translation>{0} sous le nom {1}</translation>
    </message>
    <message numerus="yes">
        <source>%n came back under a new name, because a file of the same name is there now:</source>
        <translation>
            <numerusform>%n est revenu sous un nouveau nom, car un fichier du même nom s&apos;y trouve maintenant :</numerusform>
            <numerusform>%n sont revenus sous un nouveau nom, car un fichier du même nom s&apos;y trouve maintenant :</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n could not be restored: {0}</source>
        <translation>
            <numerusform>%n n&apos;a pas pu être restauré : {0}</numerusform>
            <numerusform>%n n&apos;ont pas pu être restaurés : {0}</numerusform>
        </translation>
    </message>
    <message>
        <source>still in the trash (the rest was put back)</source>
        <translation>encore dans la corbeille (le reste a été remis en place)</translation>
    </message>
    <message>
        <source>items cleaned, after the undo</source>
        <translation>éléments nettoyés, après l&apos;annulation</translation>
    </message>
    <message numerus="yes">
        <source>Undone: %n items are back in their folders.</source>
        <translation>
            <numerusform>Annulé : %n élément est revenu dans son dossier.</numerusform>
            <numerusform>Annulé : %n éléments sont revenus dans leurs dossiers.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Delete permanently</source>
        <translation>&amp;Supprimer définitivement</translation>
    </message>
    <message>
        <source>Duplicates</source>
        <translation>Doublons</translation>
    </message>
    <message>
        <source>Temporary files and caches</source>
        <translation>Fichiers temporaires et caches</translation>
    </message>
    <message>
        <source>Large files</source>
        <translation>Gros fichiers</translation>
    </message>
    <message>
        <source>Old files</source>
        <translation>Fichiers anciens</translation>
    </message>
    <message>
        <source>Duplicate mails</source>
        <translation>E-mails en double</translation>
    </message>
    <message>
        <source>Large mails</source>
        <translation>Gros e-mails</translation>
    </message>
    <message>
        <source>Old bulky mails</source>
        <translation>Vieux e-mails volumineux</translation>
    </message>
    <message>
        <source>Mails of bulky senders</source>
        <translation>E-mails d’expéditeurs encombrants</translation>
    </message>
    <message>
        <source>Delete permanently?</source>
        <translation>Supprimer définitivement ?</translation>
    </message>
    <message>
        <source>Cleaning stopped: {0}</source>
        <translation>Nettoyage interrompu : {0}</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>Moved to the trash, recoverable: the space is freed once the trash is emptied (the bilan offers to empty exactly these items).</source>
        <translation>Mis à la corbeille, récupérables : l’espace est libéré une fois la corbeille vidée (le bilan propose de vider exactement ces éléments).</translation>
    </message>
    <message>
        <source>Cancelled: the rest was not touched.</source>
        <translation>Annulé : le reste n’a pas été touché.</translation>
    </message>
    <message>
        <source>Items below were left in place, each with the reason.</source>
        <translation>Les éléments ci-dessous ont été laissés en place, chacun avec sa raison.</translation>
    </message>
    <message>
        <source>&amp;See my bilan</source>
        <translation>&amp;Voir mon bilan</translation>
    </message>
    <message>
        <source>This system does not let apps restore from its trash: the trash is now open, restore the files from there.</source>
        <translation>Ce système ne permet pas aux applications de restaurer depuis sa corbeille : la corbeille est ouverte, restaurez les fichiers depuis celle-ci.</translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>Modifié</translation>
    </message>
    <message>
        <source>Application or kind</source>
        <translation>Application ou type</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Objet</translation>
    </message>
    <message>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <source>Mail folder</source>
        <translation>Dossier de messagerie</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>Copies</translation>
    </message>
    <message>
        <source>Extra copies</source>
        <translation>Copies en trop</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>Expéditeur</translation>
    </message>
    <message>
        <source>Mails</source>
        <translation>E-mails</translation>
    </message>
    <message>
        <source>Total size</source>
        <translation>Taille totale</translation>
    </message>
    <message>
        <source>Attachment</source>
        <translation>Pièce jointe</translation>
    </message>
    <message>
        <source>Whole mail</source>
        <translation>E-mail entier</translation>
    </message>
</context>
<context>
    <name>CrashReporter</name>
    <message numerus="yes">
        <source>Cleanup Desktop hit %n unexpected errors. The last one: {0}</source>
        <translation>
            <numerusform>Cleanup Desktop a rencontré %n erreur inattendue : {0}</numerusform>
            <numerusform>Cleanup Desktop a rencontré %n erreurs inattendues. La dernière : {0}</numerusform>
        </translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>Erreur inattendue</translation>
    </message>
    <message>
        <source>Cleanup Desktop hit an unexpected error: {0}</source>
        <translation>Cleanup Desktop a rencontré une erreur inattendue : {0}</translation>
    </message>
    <message>
        <source>The details are in the log file:
{0}

Please send it to your IT contact or the organiser. Items already cleaned are recorded in the history; you can keep working or restart the app.</source>
        <translation>Les détails se trouvent dans le fichier journal :
{0}

Envoyez-le à votre contact informatique ou à l’organisateur. Les éléments déjà nettoyés sont enregistrés dans l’historique ; vous pouvez continuer à travailler ou redémarrer l’application.</translation>
    </message>
    <message>
        <source>Open the log folder</source>
        <translation>Ouvrir le dossier du journal</translation>
    </message>
    <message>
        <source>No log file could be written. You can keep working or restart the app.</source>
        <translation>Aucun fichier journal n’a pu être écrit. Vous pouvez continuer à travailler ou redémarrer l’application.</translation>
    </message>
</context>
<context>
    <name>DevicesForm</name>
    <message>
        <source>What I did with my devices (optional)</source>
        <translation>Ce que j’ai fait de mes équipements (facultatif)</translation>
    </message>
    <message>
        <source>What I did with my devices</source>
        <translation>Ce que j’ai fait de mes équipements</translation>
    </message>
    <message>
        <source>Keeping a device in use avoids making a new one: each device you donated, repaired, protected or reused counts as its manufacturing footprint. Devices handed in for recycling are counted by weight only.</source>
        <translation>Garder un équipement en usage évite d’en fabriquer un neuf : chaque équipement donné, réparé, protégé ou réutilisé compte pour son empreinte de fabrication. Les équipements remis au recyclage sont comptés au poids seulement.</translation>
    </message>
    <message>
        <source>Donated</source>
        <translation>Donnés</translation>
    </message>
    <message>
        <source>Repaired</source>
        <translation>Réparés</translation>
    </message>
    <message>
        <source>Protected</source>
        <translation>Protégés</translation>
    </message>
    <message>
        <source>Reused</source>
        <translation>Réutilisés</translation>
    </message>
    <message>
        <source>Recycled</source>
        <translation>Recyclés</translation>
    </message>
    <message>
        <source>Weight (kg)</source>
        <translation>Poids (kg)</translation>
    </message>
    <message>
        <source>Given to someone, an association or a collection for reuse</source>
        <translation>Donnés à quelqu’un, à une association ou à une collecte pour le réemploi</translation>
    </message>
    <message>
        <source>Repaired instead of replaced</source>
        <translation>Réparés au lieu d’être remplacés</translation>
    </message>
    <message>
        <source>Protected to last longer: case, screen protector, battery care</source>
        <translation>Protégés pour durer plus longtemps : coque, protection d’écran, soin de la batterie</translation>
    </message>
    <message>
        <source>Kept in use or given a new use</source>
        <translation>Gardés en usage ou réutilisés pour un autre usage</translation>
    </message>
    <message>
        <source>Handed in at a collection point for recycling</source>
        <translation>Déposés dans un point de collecte pour le recyclage</translation>
    </message>
    <message>
        <source>Total weight handed in for recycling, in kg (e.g. 2.5)</source>
        <translation>Poids total remis au recyclage, en kg (par exemple 2,5)</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0} : {1}</translation>
    </message>
    <message>
        <source>avoided manufacturing (réemploi, one-off), apart from the data figure</source>
        <translation>de fabrication évitée (réemploi, ponctuel), hors chiffre des données</translation>
    </message>
    <message>
        <source>&amp;Save my devices</source>
        <translation>Enre&amp;gistrer mes équipements</translation>
    </message>
    <message>
        <source>Keeps these figures for your measurement sheet</source>
        <translation>Garde ces chiffres pour votre fiche de mesure</translation>
    </message>
    <message>
        <source>Devices summary</source>
        <translation>Résumé des équipements</translation>
    </message>
    <message>
        <source>Devices form message</source>
        <translation>Message du formulaire des équipements</translation>
    </message>
    <message>
        <source>Desktop computer</source>
        <translation>Ordinateur fixe</translation>
    </message>
    <message>
        <source>Screen</source>
        <translation>Écran</translation>
    </message>
    <message>
        <source>Laptop</source>
        <translation>Ordinateur portable</translation>
    </message>
    <message>
        <source>Tablet</source>
        <translation>Tablette</translation>
    </message>
    <message>
        <source>Smartphone</source>
        <translation>Smartphone</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Divers</translation>
    </message>
    <message>
        <source>Your saved devices could not be read: {0}</source>
        <translation>Vos équipements enregistrés n’ont pas pu être lus : {0}</translation>
    </message>
    <message>
        <source>{0}: the weight must be a number of kg, like {1}.</source>
        <translation>{0} : le poids doit être un nombre de kg, comme {1}.</translation>
    </message>
    <message>
        <source>Not saved yet.</source>
        <translation>Pas encore enregistré.</translation>
    </message>
    <message numerus="yes">
        <source>Kept in use: %Ln devices, {0} of avoided manufacturing, counted apart from the data figure.</source>
        <translation>
            <numerusform>Gardé en usage : %Ln équipement, {0} de fabrication évitée, compté à part du chiffre des données.</numerusform>
            <numerusform>Gardés en usage : %Ln équipements, {0} de fabrication évitée, comptés à part du chiffre des données.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Handed in for recycling: %Ln devices, {0} kg (weights only, no CO2e).</source>
        <translation>
            <numerusform>Remis au recyclage : %Ln équipement, {0} kg (poids seulement, pas de CO2e).</numerusform>
            <numerusform>Remis au recyclage : %Ln équipements, {0} kg (poids seulement, pas de CO2e).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>These numbers are unusually large for one person (more than %n devices, or more than {0} kg). Are they right?</source>
        <translation>
            <numerusform>Ces nombres sont inhabituels pour une seule personne (plus de %n équipement, ou plus de {0} kg). Sont-ils justes ?</numerusform>
            <numerusform>Ces nombres sont inhabituels pour une seule personne (plus de %n équipements, ou plus de {0} kg). Sont-ils justes ?</numerusform>
        </translation>
    </message>
    <message>
        <source>Unusually large numbers</source>
        <translation>Nombres inhabituellement élevés</translation>
    </message>
    <message>
        <source>Not saved: correct the numbers, then save again.</source>
        <translation>Non enregistré : corrigez les nombres, puis enregistrez de nouveau.</translation>
    </message>
    <message>
        <source>Could not save your devices: {0}</source>
        <translation>Impossible d’enregistrer vos équipements : {0}</translation>
    </message>
    <message>
        <source>Saved: your devices will be in your exported measurement sheet.</source>
        <translation>Enregistré : vos équipements seront dans votre fiche de mesure exportée.</translation>
    </message>
</context>
<context>
    <name>DuplicatesModel</name>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>Modifié</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <source>Will be removed</source>
        <translation>Sera supprimé</translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>Conservé</translation>
    </message>
    <message numerus="yes">
        <source>{0} — %n copies</source>
        <translation>
            <numerusform>{0} — %n copie</numerusform>
            <numerusform>{0} — %n copies</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of {0} selected</source>
        <translation>
            <numerusform>%n sur {0} sélectionnée</numerusform>
            <numerusform>%n sur {0} sélectionnées</numerusform>
        </translation>
    </message>
    <message>
        <source>kept in {0}</source>
        <translation>gardée dans {0}</translation>
    </message>
    <message>
        <source>Space freed by keeping a single copy</source>
        <translation>Espace libéré en ne gardant qu’une copie</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>Spreadsheet (*.xlsx)</source>
        <translation>Tableur (*.xlsx)</translation>
    </message>
    <message>
        <source>One-page PDF (*.pdf)</source>
        <translation>PDF d’une page (*.pdf)</translation>
    </message>
    <message>
        <source>Measurement sheet, JSON (*.json)</source>
        <translation>Fiche de mesure, JSON (*.json)</translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation>Tableau CSV (*.csv)</translation>
    </message>
    <message>
        <source>INR DCD-Bilan form data (*.dcd.json)</source>
        <translation>Données du formulaire INR DCD-Bilan (*.dcd.json)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>L’export a échoué</translation>
    </message>
    <message>
        <source>Export my measurement sheet</source>
        <translation>Exporter ma fiche de mesure</translation>
    </message>
</context>
<context>
    <name>FileTableModel</name>
    <message>
        <source>Safety</source>
        <translation>Sécurité</translation>
    </message>
    <message>
        <source>Close {0} first</source>
        <translation>Fermez d’abord {0}</translation>
    </message>
    <message>
        <source>the app</source>
        <translation>l’application</translation>
    </message>
</context>
<context>
    <name>MailAccountDialog</name>
    <message>
        <source>Mail account</source>
        <translation>Compte de messagerie</translation>
    </message>
    <message>
        <source>Your password is kept in the system keyring, never in a file. Scanning only reads: nothing changes until you confirm a cleanup.</source>
        <translation>Votre mot de passe est gardé dans le trousseau du système, jamais dans un fichier. L’analyse ne fait que lire : rien ne change tant que vous ne confirmez pas un nettoyage.</translation>
    </message>
    <message>
        <source>IMAP with a password (most providers)</source>
        <translation>IMAP avec mot de passe (la plupart des fournisseurs)</translation>
    </message>
    <message>
        <source>Microsoft 365 / Outlook (sign in with Microsoft)</source>
        <translation>Microsoft 365 / Outlook (connexion Microsoft)</translation>
    </message>
    <message>
        <source>Gmail (sign in with Google)</source>
        <translation>Gmail (connexion Google)</translation>
    </message>
    <message>
        <source>Exchange server (EWS, password)</source>
        <translation>Serveur Exchange (EWS, mot de passe)</translation>
    </message>
    <message>
        <source>Microsoft 365 (Microsoft Graph, sign in)</source>
        <translation>Microsoft 365 (Microsoft Graph, connexion)</translation>
    </message>
    <message>
        <source>e.g. Work mail</source>
        <translation>ex. : Messagerie du travail</translation>
    </message>
    <message>
        <source>e.g. imap.example.org</source>
        <translation>ex. : imap.example.org</translation>
    </message>
    <message>
        <source>SSL/TLS</source>
        <translation>SSL/TLS</translation>
    </message>
    <message>
        <source>STARTTLS</source>
        <translation>STARTTLS</translation>
    </message>
    <message>
        <source>given by your organisation&apos;s IT</source>
        <translation>fourni par le service informatique de votre organisation</translation>
    </message>
    <message>
        <source>empty: found from your address (autodiscover)</source>
        <translation>vide : trouvée à partir de votre adresse (découverte automatique)</translation>
    </message>
    <message>
        <source>e.g. first.last@example.org</source>
        <translation>ex. : prenom.nom@example.org</translation>
    </message>
    <message>
        <source>Windows sign-in (NTLM)</source>
        <translation>Connexion Windows (NTLM)</translation>
    </message>
    <message>
        <source>Basic (user name and password over HTTPS)</source>
        <translation>Basique (identifiant et mot de passe via HTTPS)</translation>
    </message>
    <message>
        <source>empty: https://login.microsoftonline.com (worldwide)</source>
        <translation>vide : https://login.microsoftonline.com (international)</translation>
    </message>
    <message>
        <source>empty: https://graph.microsoft.com/v1.0 (worldwide)</source>
        <translation>vide : https://graph.microsoft.com/v1.0 (international)</translation>
    </message>
    <message>
        <source>empty: only the system&apos;s certificates</source>
        <translation>vide : seulement les certificats du système</translation>
    </message>
    <message>
        <source>Sign-in service (national cloud):</source>
        <translation>Service de connexion (cloud national) :</translation>
    </message>
    <message>
        <source>Microsoft Graph address:</source>
        <translation>Adresse Microsoft Graph :</translation>
    </message>
    <message>
        <source>Company certificate (PEM file):</source>
        <translation>Certificat de l’entreprise (fichier PEM) :</translation>
    </message>
    <message>
        <source>For an Exchange server of your organisation (Exchange Online: use Microsoft 365).</source>
        <translation>Pour un serveur Exchange de votre organisation (Exchange Online : choisissez Microsoft 365).</translation>
    </message>
    <message>
        <source>Your organisation registers the application once and gives you its id.</source>
        <translation>Votre organisation enregistre l’application une fois et vous donne son identifiant.</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>Type :</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Nom :</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Serveur :</translation>
    </message>
    <message>
        <source>Exchange address (EWS URL):</source>
        <translation>Adresse Exchange (URL EWS) :</translation>
    </message>
    <message>
        <source>Mail address:</source>
        <translation>Adresse e-mail :</translation>
    </message>
    <message>
        <source>Sign-in method:</source>
        <translation>Méthode de connexion :</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>Port :</translation>
    </message>
    <message>
        <source>Security:</source>
        <translation>Sécurité :</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>Identifiant :</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Mot de passe :</translation>
    </message>
    <message>
        <source>Application id:</source>
        <translation>Identifiant d’application :</translation>
    </message>
    <message>
        <source>Tenant id (Microsoft 365):</source>
        <translation>Identifiant de locataire (Microsoft 365) :</translation>
    </message>
</context>
<context>
    <name>MailAccounts</name>
    <message>
        <source>An account needs a user name.</source>
        <translation>Un compte a besoin d’un nom d’utilisateur.</translation>
    </message>
    <message>
        <source>Microsoft 365 needs the application (client) id from your organisation.</source>
        <translation>Microsoft 365 a besoin de l’identifiant d’application (client) fourni par votre organisation.</translation>
    </message>
    <message>
        <source>No password saved for {0}: edit the account and type it.</source>
        <translation>Aucun mot de passe enregistré pour {0} : modifiez le compte et saisissez-le.</translation>
    </message>
</context>
<context>
    <name>MailAccountsBox</name>
    <message>
        <source>Mail accounts</source>
        <translation>Comptes de messagerie</translation>
    </message>
    <message>
        <source>Mail accounts to scan</source>
        <translation>Comptes de messagerie à analyser</translation>
    </message>
    <message>
        <source>Add a &amp;mail account…</source>
        <translation>Ajouter un compte de &amp;messagerie…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Tester la connexion</translation>
    </message>
    <message>
        <source>Scan a mailbox on a server: duplicate mails, large mails, old bulky mail, bulky senders.</source>
        <translation>Analyser une boîte aux lettres sur un serveur : e-mails en double, gros e-mails, vieux e-mails volumineux, expéditeurs encombrants.</translation>
    </message>
    <message>
        <source>Mail accounts: not available here.</source>
        <translation>Comptes de messagerie : non disponibles ici.</translation>
    </message>
    <message>
        <source>Mail account</source>
        <translation>Compte de messagerie</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connexion…</translation>
    </message>
    <message numerus="yes">
        <source>Connection works: %n folders.</source>
        <translation>
            <numerusform>La connexion fonctionne : %n dossier.</numerusform>
            <numerusform>La connexion fonctionne : %n dossiers.</numerusform>
        </translation>
    </message>
    <message>
        <source>Connection failed: {0}</source>
        <translation>Échec de la connexion : {0}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Cleanup Desktop — Digital Cleanup Day</source>
        <translation>Cleanup Desktop — Digital Cleanup Day</translation>
    </message>
    <message>
        <source>Demo mode: the app works on a generated sample folder, never on your own files or mailboxes. Start the app without --demo for the real cleanup.</source>
        <translation>Mode démonstration : l&apos;application travaille sur un dossier d&apos;exemple généré, jamais sur vos propres fichiers ni vos messageries. Lancez-la sans --demo pour le vrai nettoyage.</translation>
    </message>
    <message>
        <source>Demo mode</source>
        <translation>Mode démonstration</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Étapes</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Paramètres…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>A&amp;ller à</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ai&amp;de</translation>
    </message>
    <message>
        <source>&amp;About Cleanup Desktop</source>
        <translation>&amp;À propos de Cleanup Desktop</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>The new language applies when the app starts again.</source>
        <translation>La nouvelle langue s’appliquera au prochain démarrage de l’application.</translation>
    </message>
    <message>
        <source>About Cleanup Desktop</source>
        <translation>À propos de Cleanup Desktop</translation>
    </message>
    <message>
        <source>Cleanup Desktop {0}: a Digital Cleanup Day assistant. Sizes use 1 GB = 10^9 bytes (the French Go).</source>
        <translation>Cleanup Desktop {0} : un assistant pour le Digital Cleanup Day. Les tailles utilisent 1 Go = 10^9 octets.</translation>
    </message>
</context>
<context>
    <name>OrganiserPage</name>
    <message>
        <source>Organiser</source>
        <translation>Organisateur</translation>
    </message>
    <message>
        <source>&amp;Choose a folder of sheets…</source>
        <translation>&amp;Choisir un dossier de fiches…</translation>
    </message>
    <message>
        <source>Only sheets of this event id (optional)</source>
        <translation>Seulement les fiches de cet événement (facultatif)</translation>
    </message>
    <message>
        <source>Event id</source>
        <translation>Identifiant de l’événement</translation>
    </message>
    <message>
        <source>participants</source>
        <translation>participants</translation>
    </message>
    <message>
        <source>freed in total</source>
        <translation>libérés au total</translation>
    </message>
    <message>
        <source>per participant</source>
        <translation>par participant</translation>
    </message>
    <message>
        <source>avoided (CO2 equivalent)</source>
        <translation>évités (équivalent CO2)</translation>
    </message>
    <message>
        <source>Inter-team challenge</source>
        <translation>Défi inter-équipes</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>Rang</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Équipe</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Participants</translation>
    </message>
    <message>
        <source>Freed</source>
        <translation>Libéré</translation>
    </message>
    <message>
        <source>kg CO2e</source>
        <translation>kg CO2e</translation>
    </message>
    <message>
        <source>Team ranking</source>
        <translation>Classement des équipes</translation>
    </message>
    <message>
        <source>Sheets left out</source>
        <translation>Fiches écartées</translation>
    </message>
    <message>
        <source>Sheets left out, and why</source>
        <translation>Fiches écartées, et pourquoi</translation>
    </message>
    <message>
        <source>&amp;Export the organiser files…</source>
        <translation>&amp;Exporter les fichiers de l’organisateur…</translation>
    </message>
    <message>
        <source>For the national form (optional)</source>
        <translation>Pour le formulaire national (facultatif)</translation>
    </message>
    <message>
        <source>company</source>
        <translation>entreprise</translation>
    </message>
    <message>
        <source>public administration</source>
        <translation>administration publique</translation>
    </message>
    <message>
        <source>local authority</source>
        <translation>collectivité territoriale</translation>
    </message>
    <message>
        <source>association</source>
        <translation>association</translation>
    </message>
    <message>
        <source>school or university</source>
        <translation>établissement scolaire ou universitaire</translation>
    </message>
    <message>
        <source>Type of organisation</source>
        <translation>Type de structure</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Région</translation>
    </message>
    <message>
        <source>Département</source>
        <translation>Département</translation>
    </message>
    <message>
        <source>People reached</source>
        <translation>Personnes touchées</translation>
    </message>
    <message>
        <source>Folder of measurement sheets</source>
        <translation>Dossier des fiches de mesure</translation>
    </message>
    <message>
        <source>Reading the sheets…</source>
        <translation>Lecture des fiches…</translation>
    </message>
    <message numerus="yes">
        <source>%n sheets added up.</source>
        <translation>
            <numerusform>%n fiche additionnée.</numerusform>
            <numerusform>%n fiches additionnées.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n older copies of the same sheets were ignored.</source>
        <translation>
            <numerusform>%n copie plus ancienne d&apos;une même fiche a été ignorée.</numerusform>
            <numerusform>%n copies plus anciennes des mêmes fiches ont été ignorées.</numerusform>
        </translation>
    </message>
    <message>
        <source>Where to write the organiser files</source>
        <translation>Où enregistrer les fichiers de l’organisateur</translation>
    </message>
    <message>
        <source>Written: {0}</source>
        <translation>Enregistré : {0}</translation>
    </message>
    <message>
        <source>Add up your participants&apos; measurement sheets (JSON, CSV, XLSX, PDF or INR files in one folder) and get the figures for the national bilan.</source>
        <translation>Additionnez les fiches de mesure de vos participants (fichiers JSON, CSV, XLSX, PDF ou INR dans un dossier) et obtenez les chiffres du bilan national.</translation>
    </message>
    <message>
        <source>Reading the sheets</source>
        <translation>Lecture des fiches</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>non renseignée</translation>
    </message>
    <message>
        <source>Event date</source>
        <translation>Date de l&apos;événement</translation>
    </message>
    <message>
        <source>Participants invited</source>
        <translation>Participants invités</translation>
    </message>
    <message>
        <source>Awareness sessions</source>
        <translation>Sensibilisation</translation>
    </message>
    <message>
        <source>Webinar</source>
        <translation>Webinaire</translation>
    </message>
    <message>
        <source>Digital Collage (Fresque du Numérique)</source>
        <translation>Fresque du Numérique</translation>
    </message>
    <message>
        <source>Numeville game</source>
        <translation>Jeu Numeville</translation>
    </message>
    <message>
        <source>Dowino game</source>
        <translation>Jeu Dowino</translation>
    </message>
    <message>
        <source>The Wokies game</source>
        <translation>Jeu The Wokies</translation>
    </message>
    <message>
        <source>Other format</source>
        <translation>Autre format</translation>
    </message>
    <message>
        <source>audience</source>
        <translation>audience</translation>
    </message>
    <message>
        <source>which format</source>
        <translation>quel format</translation>
    </message>
    <message>
        <source>Other format: which one</source>
        <translation>Autre format : lequel</translation>
    </message>
    <message>
        <source>To review: not added up</source>
        <translation>À vérifier : non additionnées</translation>
    </message>
    <message>
        <source>Participant</source>
        <translation>Participant</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Pourquoi</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>Sheets to review</source>
        <translation>Fiches à vérifier</translation>
    </message>
    <message>
        <source>&amp;Accept the selected sheet</source>
        <translation>&amp;Accepter la fiche sélectionnée</translation>
    </message>
    <message>
        <source>Add it up anyway: you checked its figures with the participant</source>
        <translation>L&apos;additionner quand même : vous avez vérifié ses chiffres avec le participant</translation>
    </message>
    <message>
        <source>Check the event details: {0}</source>
        <translation>Vérifiez les informations de l&apos;événement : {0}</translation>
    </message>
    <message>
        <source>%v of %m sheets read</source>
        <translation>%v fiches lues sur %m</translation>
    </message>
    <message>
        <source>These sheets belong to several events: {0}. Type the event id above and add up again; events are never mixed.</source>
        <translation>Ces fiches appartiennent à plusieurs événements : {0}. Saisissez le numéro de l&apos;événement ci-dessus et additionnez à nouveau ; les événements ne sont jamais mélangés.</translation>
    </message>
    <message numerus="yes">
        <source>%n sheets</source>
        <translation>
            <numerusform>%n fiche</numerusform>
            <numerusform>%n fiches</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sheets held for review are not added up.</source>
        <translation>
            <numerusform>%n fiche mise de côté à vérifier n&apos;est pas additionnée.</numerusform>
            <numerusform>%n fiches mises de côté à vérifier ne sont pas additionnées.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OutcomeList</name>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Ce qui s’est passé</translation>
    </message>
    <message>
        <source>Items not cleaned, and why</source>
        <translation>Éléments non nettoyés, et pourquoi</translation>
    </message>
    <message>
        <source>Skipped for safety: {0}</source>
        <translation>Laissé par sécurité : {0}</translation>
    </message>
    <message>
        <source>Refused (the plan asked for something its scan does not allow): {0}</source>
        <translation>Refusé (le plan demandait ce que son analyse ne permet pas) : {0}</translation>
    </message>
    <message>
        <source>Failed: {0}</source>
        <translation>Échec : {0}</translation>
    </message>
</context>
<context>
    <name>Phase</name>
    <message>
        <source>Listing files</source>
        <translation>Liste des fichiers</translation>
    </message>
    <message>
        <source>Looking for temporary files</source>
        <translation>Recherche des fichiers temporaires</translation>
    </message>
    <message>
        <source>Grouping by size</source>
        <translation>Regroupement par taille</translation>
    </message>
    <message>
        <source>Comparing the start of files</source>
        <translation>Comparaison du début des fichiers</translation>
    </message>
    <message>
        <source>Comparing the end of files</source>
        <translation>Comparaison de la fin des fichiers</translation>
    </message>
    <message>
        <source>Comparing whole files</source>
        <translation>Comparaison des fichiers entiers</translation>
    </message>
    <message>
        <source>Comparing byte by byte</source>
        <translation>Comparaison octet par octet</translation>
    </message>
    <message>
        <source>Finding large and old files</source>
        <translation>Recherche des gros fichiers et fichiers anciens</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>Checking and cleaning</source>
        <translation>Vérification et nettoyage</translation>
    </message>
    <message>
        <source>Listing mail folders</source>
        <translation>Liste des dossiers de messagerie</translation>
    </message>
    <message>
        <source>Reading mail sizes and headers</source>
        <translation>Lecture des tailles et en-têtes des e-mails</translation>
    </message>
    <message>
        <source>Reading the sheets</source>
        <translation>Lecture des fiches</translation>
    </message>
</context>
<context>
    <name>Preview</name>
    <message>
        <source>Preview</source>
        <translation>Aperçu</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Ouvrir</translation>
    </message>
    <message>
        <source>Show in fol&amp;der</source>
        <translation>Afficher dans le do&amp;ssier</translation>
    </message>
    <message>
        <source>Choose a file to see a preview.</source>
        <translation>Choisissez un fichier pour voir un aperçu.</translation>
    </message>
    <message>
        <source>No preview for this kind of file.</source>
        <translation>Pas d’aperçu pour ce type de fichier.</translation>
    </message>
</context>
<context>
    <name>ProgressRow</name>
    <message numerus="yes">
        <source>{0} of %Ln files</source>
        <translation>
            <numerusform>{0} sur %Ln fichier</numerusform>
            <numerusform>{0} sur %Ln fichiers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln files</source>
        <translation>
            <numerusform>%Ln fichier</numerusform>
            <numerusform>%Ln fichiers</numerusform>
        </translation>
    </message>
    <message>
        <source>about {0} left</source>
        <translation>environ {0} restantes</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>Review</source>
        <translation>Vérification</translation>
    </message>
    <message>
        <source>Tick what can go. Nothing happens until you confirm on the next step. Sizes in GB: 1 GB = 10^9 bytes.</source>
        <translation>Cochez ce qui peut partir. Rien ne se passe avant votre confirmation à l’étape suivante. Tailles en Go : 1 Go = 10^9 octets.</translation>
    </message>
    <message>
        <source>&amp;Clean the selection…</source>
        <translation>&amp;Nettoyer la sélection…</translation>
    </message>
    <message>
        <source>could be freed</source>
        <translation>récupérables</translation>
    </message>
    <message>
        <source>duplicate files</source>
        <translation>fichiers en double</translation>
    </message>
    <message>
        <source>temporary files</source>
        <translation>fichiers temporaires</translation>
    </message>
    <message>
        <source>large or old files</source>
        <translation>gros fichiers ou fichiers anciens</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>Catégories</translation>
    </message>
    <message>
        <source>Selected total</source>
        <translation>Total sélectionné</translation>
    </message>
    <message>
        <source>Nothing to review yet: run a scan first.</source>
        <translation>Rien à vérifier pour l’instant : lancez d’abord une analyse.</translation>
    </message>
    <message>
        <source>Remove the extra copies of duplicate mails (one copy always stays)</source>
        <translation>Supprimer les copies en trop des e-mails en double (une copie reste toujours)</translation>
    </message>
    <message>
        <source>Duplicate mails — {0}</source>
        <translation>E-mails en double — {0}</translation>
    </message>
    <message>
        <source>Large mails — {0}</source>
        <translation>Gros e-mails — {0}</translation>
    </message>
    <message>
        <source>Old bulky mails — {0}</source>
        <translation>Vieux e-mails volumineux — {0}</translation>
    </message>
    <message>
        <source>Large attachments — {0}</source>
        <translation>Grosses pièces jointes — {0}</translation>
    </message>
    <message>
        <source>Ticking an attachment removes the whole mail that carries it.</source>
        <translation>Cocher une pièce jointe supprime l’e-mail entier qui la contient.</translation>
    </message>
    <message>
        <source>Bulky senders — {0}</source>
        <translation>Expéditeurs encombrants — {0}</translation>
    </message>
    <message>
        <source>could be freed by duplicates and temporary files</source>
        <translation>récupérables avec les doublons et les fichiers temporaires</translation>
    </message>
    <message>
        <source>Duplicates</source>
        <translation>Doublons</translation>
    </message>
    <message>
        <source>Temporary files and caches</source>
        <translation>Fichiers temporaires et caches</translation>
    </message>
    <message>
        <source>Large files</source>
        <translation>Gros fichiers</translation>
    </message>
    <message>
        <source>Old files</source>
        <translation>Fichiers anciens</translation>
    </message>
    <message>
        <source>This drive has no trash: items go to a quarantine folder ({0}).</source>
        <translation>Ce disque n&apos;a pas de corbeille : les éléments vont dans un dossier de quarantaine ({0}).</translation>
    </message>
    <message numerus="yes">
        <source>%Ln online-only cloud files ({0}, cloud storage) are listed apart: they are not on this disk, so they are never read nor compared. Deleting one deletes it from the cloud.</source>
        <translation>
            <numerusform>%Ln fichier cloud disponible en ligne uniquement ({0}, stockage cloud) est listé à part : il n&apos;est pas sur ce disque, il n&apos;est donc jamais lu ni comparé. Le supprimer le supprime du cloud.</numerusform>
            <numerusform>%Ln fichiers cloud disponibles en ligne uniquement ({0}, stockage cloud) sont listés à part : ils ne sont pas sur ce disque, ils ne sont donc jamais lus ni comparés. En supprimer un le supprime du cloud.</numerusform>
        </translation>
    </message>
    <message>
        <source>Keep rule</source>
        <translation>Règle de conservation</translation>
    </message>
    <message>
        <source>Keep the original (name without “copy”, oldest)</source>
        <translation>Garder l’original (nom sans « copie », le plus ancien)</translation>
    </message>
    <message>
        <source>Keep the newest copy</source>
        <translation>Garder la copie la plus récente</translation>
    </message>
    <message>
        <source>Keep the oldest copy</source>
        <translation>Garder la copie la plus ancienne</translation>
    </message>
    <message>
        <source>Keep the copy in a folder…</source>
        <translation>Garder la copie d’un dossier…</translation>
    </message>
    <message>
        <source>Select every copy in a folder…</source>
        <translation>Sélectionner toutes les copies d’un dossier…</translation>
    </message>
    <message>
        <source>Untick everything</source>
        <translation>Tout décocher</translation>
    </message>
    <message>
        <source>A&amp;pply</source>
        <translation>A&amp;ppliquer</translation>
    </message>
    <message>
        <source>Keep rule:</source>
        <translation>Règle de conservation :</translation>
    </message>
    <message>
        <source>One copy of each file is always kept: the last copy can&apos;t be selected.</source>
        <translation>Une copie de chaque fichier est toujours conservée : la dernière copie ne peut pas être sélectionnée.</translation>
    </message>
    <message>
        <source>Tick the safe ones</source>
        <translation>Cocher ceux qui sont sans risque</translation>
    </message>
    <message>
        <source>Choose the folder</source>
        <translation>Choisir le dossier</translation>
    </message>
    <message numerus="yes">
        <source>Selected: %Ln items · {0} ({1})</source>
        <translation>
            <numerusform>Sélection : %Ln élément · {0} ({1})</numerusform>
            <numerusform>Sélection : %Ln éléments · {0} ({1})</numerusform>
        </translation>
    </message>
    <message>
        <source>Why is it safe?</source>
        <translation>Pourquoi est-ce sans danger ?</translation>
    </message>
    <message>
        <source>One copy of every duplicate always stays, and the app picks the original (a name without “copy”, the oldest) unless you choose another rule. Temporary files are offered only where their application recreates them; green ones are safe, orange ones need their application closed first, blue ones are your own files: look before you tick. Files go to the trash, so you can undo.</source>
        <translation>Une copie de chaque doublon reste toujours, et l’application garde l’original (un nom sans « copie », le plus ancien) sauf si vous choisissez une autre règle. Les fichiers temporaires ne sont proposés que là où leur application les recrée ; les verts sont sans risque, les orange demandent de fermer d’abord leur application, les bleus sont vos propres fichiers : regardez avant de cocher. Les fichiers vont à la corbeille, vous pouvez donc annuler.</translation>
    </message>
</context>
<context>
    <name>Safety</name>
    <message>
        <source>Safe to remove</source>
        <translation>Sans risque</translation>
    </message>
    <message>
        <source>Close the app first</source>
        <translation>Fermer l’application d’abord</translation>
    </message>
    <message>
        <source>Your files: review</source>
        <translation>Vos fichiers : à vérifier</translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>Conservé</translation>
    </message>
</context>
<context>
    <name>ScanPage</name>
    <message>
        <source>Scan</source>
        <translation>Analyse</translation>
    </message>
    <message>
        <source>Reading your folders. You can keep working; cancel keeps what was found so far.</source>
        <translation>Lecture de vos dossiers. Vous pouvez continuer à travailler ; annuler garde ce qui a déjà été trouvé.</translation>
    </message>
    <message>
        <source>&amp;Review what was found</source>
        <translation>&amp;Vérifier ce qui a été trouvé</translation>
    </message>
    <message>
        <source>Could not be read (skipped, nothing else affected)</source>
        <translation>Illisibles (ignorés, rien d’autre n’est affecté)</translation>
    </message>
    <message>
        <source>Read errors</source>
        <translation>Erreurs de lecture</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <source>Scan &amp;again</source>
        <translation>&amp;Relancer l’analyse</translation>
    </message>
    <message>
        <source>All folders</source>
        <translation>Tous les dossiers</translation>
    </message>
    <message>
        <source>No folder is ticked: go back one step and tick at least one.</source>
        <translation>Aucun dossier n’est coché : revenez une étape en arrière et cochez-en au moins un.</translation>
    </message>
    <message numerus="yes">
        <source>Scanning %n folders…</source>
        <translation>
            <numerusform>Analyse de %n dossier…</numerusform>
            <numerusform>Analyse de %n dossiers…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln mails read ({0}).</source>
        <translation>
            <numerusform>%Ln e-mail lu ({0}).</numerusform>
            <numerusform>%Ln e-mails lus ({0}).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln files read ({0}) in {1}.</source>
        <translation>
            <numerusform>%Ln fichier lu ({0}) en {1}.</numerusform>
            <numerusform>%Ln fichiers lus ({0}) en {1}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Mailbox not scanned: {0}</source>
        <translation>Boîte aux lettres non analysée : {0}</translation>
    </message>
    <message>
        <source>Cancelling… what was found so far is kept.</source>
        <translation>Annulation… ce qui a déjà été trouvé est conservé.</translation>
    </message>
    <message>
        <source>Files listed</source>
        <translation>Fichiers listés</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>Cancelled: showing what was found so far.</source>
        <translation>Annulé : voici ce qui a été trouvé jusque-là.</translation>
    </message>
    <message>
        <source>The scan stopped: {0}</source>
        <translation>L’analyse s’est arrêtée : {0}</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>annulée</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>INR DCD-Bilan (default)</source>
        <translation>INR DCD-Bilan (par défaut)</translation>
    </message>
    <message>
        <source> g per GB per year</source>
        <translation> g par Go et par an</translation>
    </message>
    <message>
        <source> g per GB</source>
        <translation> g par Go</translation>
    </message>
    <message>
        <source>method&apos;s default</source>
        <translation>valeur de la méthode</translation>
    </message>
    <message>
        <source>kB</source>
        <translation>ko</translation>
    </message>
    <message>
        <source>Compare duplicates byte by byte (slower, for the cautious)</source>
        <translation>Comparer les doublons octet par octet (plus lent, pour les prudents)</translation>
    </message>
    <message>
        <source>Delete permanently instead of moving to the trash</source>
        <translation>Supprimer définitivement au lieu de mettre à la corbeille</translation>
    </message>
    <message>
        <source>Permanent deletion cannot be undone. The trash is safer.</source>
        <translation>Une suppression définitive ne peut pas être annulée. La corbeille est plus sûre.</translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation>Comme le système</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Ajouter…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>CO2e method:</source>
        <translation>Méthode CO2e :</translation>
    </message>
    <message>
        <source>Custom: servers (cloud, mail):</source>
        <translation>Personnalisée : serveurs (cloud, messagerie) :</translation>
    </message>
    <message>
        <source>Custom: local disks:</source>
        <translation>Personnalisée : disques locaux :</translation>
    </message>
    <message>
        <source>Smallest duplicate:</source>
        <translation>Plus petit doublon :</translation>
    </message>
    <message>
        <source>Never scan:</source>
        <translation>Ne jamais analyser :</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Langue :</translation>
    </message>
    <message>
        <source>Never scan</source>
        <translation>Ne jamais analyser</translation>
    </message>
    <message>
        <source>A new language applies at once.</source>
        <translation>Une nouvelle langue s’applique immédiatement.</translation>
    </message>
    <message>
        <source>Never scan this folder</source>
        <translation>Ne jamais analyser ce dossier</translation>
    </message>
</context>
<context>
    <name>SheetPdf</name>
    <message>
        <source>This computer</source>
        <translation>Cet ordinateur</translation>
    </message>
    <message>
        <source>Cloud drive (synced folder)</source>
        <translation>Stockage en ligne (dossier synchronisé)</translation>
    </message>
    <message>
        <source>Network share</source>
        <translation>Partage réseau</translation>
    </message>
    <message>
        <source>Mailbox on a server</source>
        <translation>Messagerie sur un serveur</translation>
    </message>
    <message>
        <source>Local mail store</source>
        <translation>Messagerie stockée sur cet ordinateur</translation>
    </message>
    <message>
        <source>per year</source>
        <translation>par an</translation>
    </message>
    <message>
        <source>one-off</source>
        <translation>ponctuel</translation>
    </message>
    <message>
        <source>first year</source>
        <translation>première année</translation>
    </message>
    <message>
        <source>per year of avoided storage</source>
        <translation>par année de stockage évitée</translation>
    </message>
    <message>
        <source>first year: one year of avoided storage + one-off savings</source>
        <translation>première année : une année de stockage évitée + gains ponctuels</translation>
    </message>
    <message>
        <source>Desktop computer</source>
        <translation>Ordinateur fixe</translation>
    </message>
    <message>
        <source>Screen</source>
        <translation>Écran</translation>
    </message>
    <message>
        <source>Laptop</source>
        <translation>Ordinateur portable</translation>
    </message>
    <message>
        <source>Tablet</source>
        <translation>Tablette</translation>
    </message>
    <message>
        <source>Smartphone</source>
        <translation>Smartphone</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Autre</translation>
    </message>
    <message>
        <source>Beyond data: my devices</source>
        <translation>Au-delà des données : mes équipements</translation>
    </message>
    <message numerus="yes">
        <source>%n devices donated, repaired, protected or reused: {0} of avoided manufacturing (one-off, not included in the total above)</source>
        <translation>
            <numerusform>%n équipement donné, réparé, protégé ou réemployé : {0} de fabrication évitée (ponctuel, non inclus dans le total ci-dessus)</numerusform>
            <numerusform>%n équipements donnés, réparés, protégés ou réemployés : {0} de fabrication évitée (ponctuel, non inclus dans le total ci-dessus)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Handed in for recycling: %n devices, {0} kg (weights only: no CO2e is computed for recycling)</source>
        <translation>
            <numerusform>Remis au recyclage : %n équipement, {0} kg (poids seulement : aucun CO2e n&apos;est calculé pour le recyclage)</numerusform>
            <numerusform>Remis au recyclage : %n équipements, {0} kg (poids seulement : aucun CO2e n&apos;est calculé pour le recyclage)</numerusform>
        </translation>
    </message>
    <message>
        <source>Sources: {0}</source>
        <translation>Sources : {0}</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantité</translation>
    </message>
    <message>
        <source>Factor</source>
        <translation>Facteur</translation>
    </message>
    <message>
        <source>kg CO2e</source>
        <translation>kg CO2e</translation>
    </message>
    <message>
        <source>not in this method</source>
        <translation>hors de cette méthode</translation>
    </message>
    <message>
        <source>Total: {0} ({1})</source>
        <translation>Total : {0} ({1})</translation>
    </message>
    <message>
        <source>Range: {0} - {1} kg CO2e</source>
        <translation>Fourchette : {0} - {1} kg CO2e</translation>
    </message>
    <message>
        <source>= {0} kg per year of avoided storage + {1} kg one-off</source>
        <translation>= {0} kg par année de stockage évitée + {1} kg ponctuels</translation>
    </message>
    <message>
        <source>That is about: {0}.</source>
        <translation>Soit environ : {0}.</translation>
    </message>
    <message>
        <source>Method: {0} [{1} {2}]. Source: {3}. {4}.</source>
        <translation>Méthode : {0} [{1} {2}]. Source : {3}. {4}.</translation>
    </message>
    <message numerus="yes">
        <source>%n files deleted</source>
        <translation>
            <numerusform>%n fichier supprimé</numerusform>
            <numerusform>%n fichiers supprimés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n emails deleted</source>
        <translation>
            <numerusform>%n e-mail supprimé</numerusform>
            <numerusform>%n e-mails supprimés</numerusform>
        </translation>
    </message>
    <message>
        <source>Digital Cleanup Day: my measurement sheet</source>
        <translation>Digital Cleanup Day : ma fiche de mesure</translation>
    </message>
    <message>
        <source>event {0}</source>
        <translation>événement {0}</translation>
    </message>
    <message>
        <source>{0} freed</source>
        <translation>{0} libérés</translation>
    </message>
    <message>
        <source>{0} on servers (cloud, mail)  ·  {1} on this computer</source>
        <translation>{0} sur des serveurs (cloud, messagerie)  ·  {1} sur cet ordinateur</translation>
    </message>
    <message>
        <source>{0} still in the trash: not counted until the trash is emptied</source>
        <translation>{0} encore dans la corbeille : non comptés tant que la corbeille n’est pas vidée</translation>
    </message>
    <message>
        <source>Still in the trash</source>
        <translation>Encore dans la corbeille</translation>
    </message>
    <message>
        <source>Nothing freed yet</source>
        <translation>Rien de libéré pour l’instant</translation>
    </message>
    <message>
        <source>Go freed per place</source>
        <translation>Go libérés par emplacement</translation>
    </message>
    <message>
        <source>Moving to the trash frees nothing until the trash is emptied; only what was really freed is counted. Keeping devices longer matters more: manufacturing is most of their footprint.</source>
        <translation>Mettre à la corbeille ne libère rien tant que la corbeille n’est pas vidée ; seul ce qui a vraiment été libéré est compté. Garder ses équipements plus longtemps compte davantage : leur fabrication pèse le plus dans leur empreinte.</translation>
    </message>
    <message>
        <source>Sheet {0} · Cleanup Desktop {1}</source>
        <translation>Fiche {0} · Cleanup Desktop {1}</translation>
    </message>
    <message>
        <source>Digital Cleanup Day: event summary</source>
        <translation>Digital Cleanup Day : bilan de l’événement</translation>
    </message>
    <message>
        <source>Participants: {0}</source>
        <translation>Participants : {0}</translation>
    </message>
    <message>
        <source>{0} on servers (cloud, mail)  ·  {1} on computers  ·  {2} per participant</source>
        <translation>{0} sur des serveurs (cloud, messagerie)  ·  {1} sur les ordinateurs  ·  {2} par participant</translation>
    </message>
    <message>
        <source>{0} people reached</source>
        <translation>{0} personnes touchées</translation>
    </message>
    <message numerus="yes">
        <source>Beyond data: %n devices kept in use, {0} of avoided manufacturing (one-off, apart from the data figure);</source>
        <translation>
            <numerusform>Au-delà des données : %n équipement gardé en usage, {0} de fabrication évitée (ponctuel, à part du chiffre des données) ;</numerusform>
            <numerusform>Au-delà des données : %n équipements gardés en usage, {0} de fabrication évitée (ponctuel, à part du chiffre des données) ;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n devices, {0} kg handed in for recycling</source>
        <translation>
            <numerusform>%n équipement, {0} kg remis au recyclage</numerusform>
            <numerusform>%n équipements, {0} kg remis au recyclage</numerusform>
        </translation>
    </message>
    <message>
        <source>No sheet</source>
        <translation>Aucune fiche</translation>
    </message>
    <message>
        <source>Team ranking (Go freed)</source>
        <translation>Classement des équipes (Go libérés)</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>Rang</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Équipe</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Participants</translation>
    </message>
    <message>
        <source>Go freed</source>
        <translation>Go libérés</translation>
    </message>
    <message>
        <source>Go per participant</source>
        <translation>Go par participant</translation>
    </message>
    <message numerus="yes">
        <source>… %n more teams in the XLSX file</source>
        <translation>
            <numerusform>… %n autre équipe dans le fichier XLSX</numerusform>
            <numerusform>… %n autres équipes dans le fichier XLSX</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sheets rejected,</source>
        <translation>
            <numerusform>%n fiche refusée,</numerusform>
            <numerusform>%n fiches refusées,</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n duplicates ignored (see the XLSX file)</source>
        <translation>
            <numerusform>%n doublon ignoré (voir le fichier XLSX)</numerusform>
            <numerusform>%n doublons ignorés (voir le fichier XLSX)</numerusform>
        </translation>
    </message>
    <message>
        <source>Measured by the app: {0} and {1} (counted through their Go)</source>
        <translation>Mesurés par l&apos;application : {0} et {1} (comptés par leurs Go)</translation>
    </message>
    <message>
        <source>Declared (deleted outside the app, no volume known): {0}</source>
        <translation>Déclarés (supprimés hors de l&apos;application, volume inconnu) : {0}</translation>
    </message>
    <message>
        <source>National form (dcd-bilan.json): {0} (measured + declared), {1} counted per file (declared only)</source>
        <translation>Formulaire national (dcd-bilan.json) : {0} (mesurés + déclarés), {1} comptés à l&apos;unité (déclarés seulement)</translation>
    </message>
    <message>
        <source>Evidence: generated {0} by Cleanup Desktop {1}, method {2} {3}, counting rules version {4}. The sheets used ({5}: id, team, date, SHA-256 of each file) are listed in summary.json (&quot;evidence&quot;) and in the Sources sheet of participants.xlsx. SHA-256 of the whole input set: {6}</source>
        <translation>Preuves : généré le {0} par Cleanup Desktop {1}, méthode {2} {3}, règles de comptage version {4}. Les fiches utilisées ({5} : identifiant, équipe, date, SHA-256 de chaque fichier) sont listées dans summary.json (« evidence ») et dans la feuille Sources de participants.xlsx. SHA-256 de l&apos;ensemble des fichiers lus : {6}</translation>
    </message>
    <message numerus="yes">
        <source>%n files</source>
        <translation>
            <numerusform>%n fichier</numerusform>
            <numerusform>%n fichiers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n emails</source>
        <translation>
            <numerusform>%n e-mail</numerusform>
            <numerusform>%n e-mails</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n apps uninstalled</source>
        <translation>
            <numerusform>%n application désinstallée</numerusform>
            <numerusform>%n applications désinstallées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n posts</source>
        <translation>
            <numerusform>%n publication</numerusform>
            <numerusform>%n publications</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Whole-volume usage of the %n volumes holding the cleaned folders: it includes every other change on them (downloads, updates, other programs).</source>
        <translation>
            <numerusform>Occupation totale du volume contenant les dossiers nettoyés (%n) : elle inclut toute autre modification sur ce volume (téléchargements, mises à jour, autres programmes).</numerusform>
            <numerusform>Occupation totale des %n volumes contenant les dossiers nettoyés : elle inclut toute autre modification sur ces volumes (téléchargements, mises à jour, autres programmes).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sheets held for review, NOT added up (see &quot;To review&quot; in the XLSX file; accept one with --accept SHEET_ID)</source>
        <translation>
            <numerusform>%n fiche mise de côté à vérifier, NON additionnée (voir « À vérifier » dans le fichier XLSX ; l&apos;accepter avec --accept IDENTIFIANT)</numerusform>
            <numerusform>%n fiches mises de côté à vérifier, NON additionnées (voir « À vérifier » dans le fichier XLSX ; en accepter une avec --accept IDENTIFIANT)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n files rejected,</source>
        <translation>
            <numerusform>%n fichier rejeté,</numerusform>
            <numerusform>%n fichiers rejetés,</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sheets without an event number,</source>
        <translation>
            <numerusform>%n fiche sans numéro d&apos;événement,</numerusform>
            <numerusform>%n fiches sans numéro d&apos;événement,</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n older copies ignored (listed with their reason in the XLSX file and summary.json)</source>
        <translation>
            <numerusform>%n copie plus ancienne ignorée (listés avec leur motif dans le fichier XLSX et summary.json)</numerusform>
            <numerusform>%n copies plus anciennes ignorées (listés avec leur motif dans le fichier XLSX et summary.json)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sheets used</source>
        <translation>
            <numerusform>%n fiche utilisée</numerusform>
            <numerusform>%n fiches utilisées</numerusform>
        </translation>
    </message>
    <message>
        <source>Disk usage before / after (not the freed figure)</source>
        <translation>Occupation des disques avant / après (pas le chiffre libéré)</translation>
    </message>
    <message>
        <source>{0}: {1} used at the first scan ({2}), {3} after the last emptying or run ({4})</source>
        <translation>{0} : {1} occupés au premier scan ({2}), {3} après le dernier vidage ou nettoyage ({4})</translation>
    </message>
    <message>
        <source>This computer&apos;s disks</source>
        <translation>Disques de cet ordinateur</translation>
    </message>
    <message>
        <source>The sheet&apos;s data is attached to this PDF (cleanup-desktop-sheet.json): the organiser&apos;s aggregation reads it.</source>
        <translation>Les données de la fiche sont jointes à ce PDF (cleanup-desktop-sheet.json) : l&apos;agrégation de l&apos;organisateur les lit.</translation>
    </message>
    <message>
        <source>Active participants: {0} of {1} invited</source>
        <translation>Participants actifs : {0} sur {1} invités</translation>
    </message>
    <message>
        <source>Awareness sessions: {0} participants, audience {1}</source>
        <translation>Sensibilisation : {0} participants, audience {1}</translation>
    </message>
    <message>
        <source>Go freed {0} (previously {1})</source>
        <translation>Go libérés {0} (auparavant {1})</translation>
    </message>
    <message>
        <source>participants {0} (previously {1})</source>
        <translation>participants {0} (auparavant {1})</translation>
    </message>
    <message>
        <source>{0} (previously {1})</source>
        <translation>{0} (auparavant {1})</translation>
    </message>
    <message>
        <source>Compared with the previous summary: {0}</source>
        <translation>Comparaison avec le bilan précédent : {0}</translation>
    </message>
</context>
<context>
    <name>Sources</name>
    <message>
        <source>2020-2021 Digital Cleanup Day communication, misreading ADEME&apos;s figure for sending a 1 MB email</source>
        <translation>Communication Digital Cleanup Day 2020-2021, qui interprète mal le chiffre de l&apos;ADEME pour l&apos;envoi d&apos;un e-mail de 1 Mo</translation>
    </message>
    <message>
        <source>ADEME / INR DCD-Bilan form, 1,752 kg CO2e per return flight</source>
        <translation>ADEME / formulaire DCD-Bilan de l&apos;INR, 1 752 kg CO2e par aller-retour en avion</translation>
    </message>
    <message>
        <source>ADEME / INR DCD-Bilan form, 2.34 kg CO2e per trip by TGV</source>
        <translation>ADEME / formulaire DCD-Bilan de l&apos;INR, 2,34 kg CO2e par trajet en TGV</translation>
    </message>
    <message>
        <source>ADEME Base Empreinte, manufacturing footprints of the devices, as used by the INR DCD-Bilan methodology (DCD Réemploi)</source>
        <translation>ADEME Base Empreinte, empreintes de fabrication des équipements, reprises par la méthodologie DCD-Bilan de l&apos;INR (DCD Réemploi)</translation>
    </message>
    <message>
        <source>ADEME figure for sending a 1 MB email, misused as a storage factor</source>
        <translation>Chiffre de l&apos;ADEME pour l&apos;envoi d&apos;un e-mail de 1 Mo, utilisé à tort comme facteur de stockage</translation>
    </message>
    <message>
        <source>ADEME, La face cachée du numérique (2019)</source>
        <translation>ADEME, La face cachée du numérique (2019)</translation>
    </message>
    <message>
        <source>ADEME, annual report of the WEEE (DEEE) stream (2022), category &apos;small appliances in mix&apos;</source>
        <translation>ADEME, rapport annuel de la filière DEEE (2022), catégorie « petits appareils en mélange »</translation>
    </message>
    <message>
        <source>ADEME, average petrol car, 0.218 kg CO2e/km</source>
        <translation>ADEME, voiture thermique moyenne, 0,218 kg CO2e/km</translation>
    </message>
    <message>
        <source>Entered by the user (pre-filled with the INR value)</source>
        <translation>Saisi par l&apos;utilisateur (prérempli avec la valeur de l&apos;INR)</translation>
    </message>
    <message>
        <source>Entered by the user</source>
        <translation>Saisi par l&apos;utilisateur</translation>
    </message>
    <message>
        <source>Estimate based on NégaOctet (2021): average cloud file of 0.5-1 MB, replicated about 3 times</source>
        <translation>Estimation d&apos;après NégaOctet (2021) : fichier en ligne moyen de 0,5 à 1 Mo, répliqué environ 3 fois</translation>
    </message>
    <message>
        <source>Estimate: 50 MB per file x 15.7 g CO2e/Go</source>
        <translation>Estimation : 50 Mo par fichier x 15,7 g CO2e/Go</translation>
    </message>
    <message>
        <source>Green Cloud Computing (2021): 0.166-0.280 kg CO2e per GB per year of online storage, mean about 0.208</source>
        <translation>Green Cloud Computing (2021) : 0,166 à 0,280 kg CO2e par Go et par an de stockage en ligne, environ 0,208 en moyenne</translation>
    </message>
    <message>
        <source>GreenIT.fr, footprint of mobile applications (2022)</source>
        <translation>GreenIT.fr, empreinte des applications mobiles (2022)</translation>
    </message>
    <message>
        <source>INR DCD-Bilan form / French Ministry of Ecological Transition, 9.9 t CO2e per person per year</source>
        <translation>Formulaire DCD-Bilan de l&apos;INR / ministère de la Transition écologique, 9,9 t CO2e par personne et par an</translation>
    </message>
    <message>
        <source>Institut du Numérique Responsable, DCD-Bilan form, methodology page</source>
        <translation>Institut du Numérique Responsable, formulaire DCD-Bilan, page méthodologie</translation>
    </message>
    <message>
        <source>Let&apos;s Do It World, Digital Cleanup Day 2024 results</source>
        <translation>Let&apos;s Do It World, résultats du Digital Cleanup Day 2024</translation>
    </message>
    <message>
        <source>Let&apos;s Do It World, Digital Cleanup Day global results 2024</source>
        <translation>Let&apos;s Do It World, résultats mondiaux du Digital Cleanup Day 2024</translation>
    </message>
    <message>
        <source>NégaOctet (2021) for use + ADEME Base Empreinte for the avoided disk (a 2 TB external disk is about 25 kg CO2e)</source>
        <translation>NégaOctet (2021) pour l&apos;usage + ADEME Base Empreinte pour le disque évité (un disque externe de 2 To représente environ 25 kg CO2e)</translation>
    </message>
    <message>
        <source>The Shift Project (2019), 36 g CO2e per hour of streaming</source>
        <translation>The Shift Project (2019), 36 g CO2e par heure de streaming</translation>
    </message>
    <message>
        <source>The Shift Project, Lean ICT (2019) / GreenIT.fr</source>
        <translation>The Shift Project, Lean ICT (2019) / GreenIT.fr</translation>
    </message>
    <message>
        <source>Öko-Institut / Fraunhofer IZM for the Umweltbundesamt, Green Cloud Computing (2021)</source>
        <translation>Öko-Institut / Fraunhofer IZM pour l&apos;Umweltbundesamt, Green Cloud Computing (2021)</translation>
    </message>
</context>
<context>
    <name>TargetsPage</name>
    <message>
        <source>What to scan</source>
        <translation>Quoi analyser</translation>
    </message>
    <message>
        <source>Tick the folders to look at. Nothing is changed during the scan: it only reads.</source>
        <translation>Cochez les dossiers à examiner. Rien n’est modifié pendant l’analyse : elle ne fait que lire.</translation>
    </message>
    <message>
        <source>&amp;Scan now</source>
        <translation>&amp;Analyser maintenant</translation>
    </message>
    <message>
        <source>Folders</source>
        <translation>Dossiers</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>Folders to scan</source>
        <translation>Dossiers à analyser</translation>
    </message>
    <message>
        <source>&amp;Add a folder…</source>
        <translation>A&amp;jouter un dossier…</translation>
    </message>
    <message>
        <source>E&amp;xclude a folder…</source>
        <translation>E&amp;xclure un dossier…</translation>
    </message>
    <message>
        <source>Excluded folders</source>
        <translation>Dossiers exclus</translation>
    </message>
    <message>
        <source>Excluded (never scanned):</source>
        <translation>Exclus (jamais analysés) :</translation>
    </message>
    <message>
        <source>What to look for</source>
        <translation>Quoi chercher</translation>
    </message>
    <message>
        <source>Duplicate files are always looked for in the folders above.</source>
        <translation>Les fichiers en double sont toujours recherchés dans les dossiers ci-dessus.</translation>
    </message>
    <message>
        <source>&amp;Temporary files and caches of this computer</source>
        <translation>Fichiers &amp;temporaires et caches de cet ordinateur</translation>
    </message>
    <message>
        <source>&amp;Large files</source>
        <translation>&amp;Gros fichiers</translation>
    </message>
    <message>
        <source>&amp;Old files not changed for two years</source>
        <translation>Fichiers anciens non m&amp;odifiés depuis deux ans</translation>
    </message>
    <message>
        <source>Temporary file locations</source>
        <translation>Emplacements des fichiers temporaires</translation>
    </message>
    <message>
        <source>The demo only reads its sample folder, never this computer&apos;s temporary files.</source>
        <translation>La démo ne lit que son dossier d’exemple, jamais les fichiers temporaires de cet ordinateur.</translation>
    </message>
    <message>
        <source>No temporary file location found on this computer.</source>
        <translation>Aucun emplacement de fichiers temporaires trouvé sur cet ordinateur.</translation>
    </message>
    <message>
        <source>Add a folder to scan</source>
        <translation>Ajouter un dossier à analyser</translation>
    </message>
    <message>
        <source>Exclude a folder</source>
        <translation>Exclure un dossier</translation>
    </message>
    <message>
        <source>Similar &amp;photos (resized or re-sent copies)</source>
        <translation>Photos &amp;ressemblantes (copies redimensionnées ou renvoyées)</translation>
    </message>
</context>
<context>
    <name>Units</name>
    <message>
        <source>B</source>
        <translation>o</translation>
    </message>
    <message>
        <source>kB</source>
        <translation>ko</translation>
    </message>
    <message>
        <source>MB</source>
        <translation>Mo</translation>
    </message>
    <message>
        <source>GB</source>
        <translation>Go</translation>
    </message>
    <message>
        <source>g CO2e</source>
        <translation>g CO2e</translation>
    </message>
    <message>
        <source>kg CO2e</source>
        <translation>kg CO2e</translation>
    </message>
    <message>
        <source>{0} h {1} min</source>
        <translation>{0} h {1} min</translation>
    </message>
    <message>
        <source>{0} min {1} s</source>
        <translation>{0} min {1} s</translation>
    </message>
    <message>
        <source>{0} s</source>
        <translation>{0} s</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Welcome to Cleanup Desktop</source>
        <translation>Bienvenue dans Cleanup Desktop</translation>
    </message>
    <message>
        <source>For Digital Cleanup Day: find what you no longer need on your computer and in your mailbox, delete it safely, and measure what you freed.</source>
        <translation>Pour le Digital Cleanup Day : trouvez ce dont vous n’avez plus besoin sur votre ordinateur et dans votre messagerie, supprimez-le en toute sécurité et mesurez ce que vous avez libéré.</translation>
    </message>
    <message>
        <source>&amp;Start: choose what to scan</source>
        <translation>&amp;Commencer : choisir quoi analyser</translation>
    </message>
    <message>
        <source>What this app does, and does not do</source>
        <translation>Ce que fait cette application, et ce qu’elle ne fait pas</translation>
    </message>
    <message>
        <source>✔ It looks for duplicate files, temporary files and caches, large and old files, and heavy mail.</source>
        <translation>✔ Elle cherche les fichiers en double, les fichiers temporaires et caches, les gros fichiers et fichiers anciens, et les e-mails lourds.</translation>
    </message>
    <message>
        <source>✔ You review every suggestion; nothing is removed until you confirm.</source>
        <translation>✔ Vous vérifiez chaque suggestion ; rien n’est supprimé avant votre confirmation.</translation>
    </message>
    <message>
        <source>✔ Files go to the trash by default, so you can undo; one copy of every duplicate is always kept.</source>
        <translation>✔ Les fichiers vont à la corbeille par défaut, vous pouvez donc annuler ; une copie de chaque doublon est toujours conservée.</translation>
    </message>
    <message>
        <source>✘ It never sends your file names, paths or mail subjects anywhere; the sheet you export holds only totals.</source>
        <translation>✘ Elle n’envoie jamais vos noms de fichiers, chemins ou objets d’e-mails nulle part ; la fiche que vous exportez ne contient que des totaux.</translation>
    </message>
    <message>
        <source>Your event</source>
        <translation>Votre événement</translation>
    </message>
    <message>
        <source>e.g. the event number given by your organiser</source>
        <translation>ex. : le numéro d’événement donné par votre organisateur</translation>
    </message>
    <message>
        <source>e.g. Accounting</source>
        <translation>ex. : Comptabilité</translation>
    </message>
    <message>
        <source>optional: a name or a pseudonym</source>
        <translation>facultatif : un nom ou un pseudonyme</translation>
    </message>
    <message>
        <source>Event id:</source>
        <translation>Identifiant de l’événement :</translation>
    </message>
    <message>
        <source>Team or department:</source>
        <translation>Équipe ou service :</translation>
    </message>
    <message>
        <source>Your name (optional):</source>
        <translation>Votre nom (facultatif) :</translation>
    </message>
    <message>
        <source>Good habits, today and after</source>
        <translation>Les bons gestes, aujourd’hui et après</translation>
    </message>
    <message>
        <source>Mail: unsubscribe from newsletters you never read; delete old mail and heavy attachments.</source>
        <translation>Messagerie : désabonnez-vous des newsletters que vous ne lisez jamais ; supprimez les vieux e-mails et les pièces jointes lourdes.</translation>
    </message>
    <message>
        <source>Share a link to a file instead of attaching it; compress images and videos.</source>
        <translation>Partagez un lien vers un fichier plutôt que de le joindre ; compressez images et vidéos.</translation>
    </message>
    <message>
        <source>Storage: delete duplicates and temporary files; keep each file in one place.</source>
        <translation>Stockage : supprimez doublons et fichiers temporaires ; gardez chaque fichier à un seul endroit.</translation>
    </message>
    <message>
        <source>Sort regularly rather than once a year.</source>
        <translation>Triez régulièrement plutôt qu’une fois par an.</translation>
    </message>
    <message>
        <source>Most of a device&apos;s footprint comes from making it: keeping devices longer matters more than deleting data.</source>
        <translation>L’essentiel de l’empreinte d’un appareil vient de sa fabrication : garder ses appareils plus longtemps compte davantage que supprimer des données.</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>Bienvenue</translation>
    </message>
</context>
<context>
    <name>StorageMap</name>
    <message>
        <source>⬑ &amp;Up</source>
        <translation>⬑ &amp;Remonter</translation>
    </message>
    <message>
        <source>Back to the folder above</source>
        <translation>Revenir au dossier parent</translation>
    </message>
    <message>
        <source>duplicates</source>
        <translation>doublons</translation>
    </message>
    <message>
        <source>temporary files</source>
        <translation>fichiers temporaires</translation>
    </message>
    <message>
        <source>large or old files</source>
        <translation>gros fichiers ou fichiers anciens</translation>
    </message>
    <message>
        <source>nothing found</source>
        <translation>rien trouvé</translation>
    </message>
    <message>
        <source>mailbox</source>
        <translation>messagerie</translation>
    </message>
    <message>
        <source>Area = disk space used. Click a folder to look inside; right-click or Backspace to go back.</source>
        <translation>Surface = espace disque occupé. Cliquez sur un dossier pour voir son contenu ; clic droit ou Retour arrière pour revenir.</translation>
    </message>
    <message>
        <source>(files here)</source>
        <translation>(fichiers ici)</translation>
    </message>
    <message>
        <source>Mailbox {0}</source>
        <translation>Messagerie {0}</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>Tout</translation>
    </message>
    <message>
        <source>Measuring…</source>
        <translation>Mesure en cours…</translation>
    </message>
</context>
<context>
    <name>StorageReview</name>
    <message>
        <source>Files</source>
        <translation>Fichiers</translation>
    </message>
    <message>
        <source>Kept copy</source>
        <translation>Copie conservée</translation>
    </message>
    <message>
        <source>Pointed to</source>
        <translation>Pointait vers</translation>
    </message>
    <message>
        <source>Empty folders inside</source>
        <translation>Dossiers vides à l’intérieur</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Résolution</translation>
    </message>
    <message>
        <source>Similarity</source>
        <translation>Ressemblance</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>Prise le</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Appareil</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <source>Choose a photo in the list.</source>
        <translation>Choisissez une photo dans la liste.</translation>
    </message>
    <message>
        <source>No preview for this kind of file.</source>
        <translation>Pas d’aperçu pour ce type de fichier.</translation>
    </message>
    <message>
        <source>Taken {0}</source>
        <translation>Prise le {0}</translation>
    </message>
    <message>
        <source>Kept (largest resolution)</source>
        <translation>Conservée (plus grande résolution)</translation>
    </message>
    <message>
        <source>Similar copy</source>
        <translation>Copie ressemblante</translation>
    </message>
    <message>
        <source>Nothing here is ticked for you: look, then tick what you no longer need. The kept copy always stays.</source>
        <translation>Rien n’est coché pour vous ici : regardez, puis cochez ce dont vous n’avez plus besoin. La copie conservée reste toujours.</translation>
    </message>
    <message>
        <source>Duplicate folders</source>
        <translation>Dossiers en double</translation>
    </message>
    <message>
        <source>Similar photos</source>
        <translation>Photos ressemblantes</translation>
    </message>
    <message>
        <source>Empty folders</source>
        <translation>Dossiers vides</translation>
    </message>
    <message>
        <source>Empty files</source>
        <translation>Fichiers vides</translation>
    </message>
    <message>
        <source>Broken links</source>
        <translation>Liens cassés</translation>
    </message>
    <message>
        <source>Where your space is</source>
        <translation>Où est votre espace</translation>
    </message>
</context>
<context>
    <name>TreemapCanvas</name>
    <message>
        <source>Storage map</source>
        <translation>Carte de l’espace disque</translation>
    </message>
    <message>
        <source>Nothing to show here.</source>
        <translation>Rien à montrer ici.</translation>
    </message>
    <message>
        <source>duplicates</source>
        <translation>doublons</translation>
    </message>
    <message>
        <source>temporary files</source>
        <translation>fichiers temporaires</translation>
    </message>
    <message>
        <source>large or old files</source>
        <translation>gros fichiers ou fichiers anciens</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0} : {1}</translation>
    </message>
</context>
<context>
    <name>UnsubscribeButton</name>
    <message>
        <source>&amp;Unsubscribe…</source>
        <translation>Se &amp;désabonner…</translation>
    </message>
    <message>
        <source>Open this sender's unsubscribe link, or unsubscribe in one click where it is safe.</source>
        <translation>Ouvrir le lien de désabonnement de cet expéditeur, ou se désabonner en un clic quand c’est sûr.</translation>
    </message>
    <message>
        <source>Choose a sender in the list first.</source>
        <translation>Choisissez d’abord un expéditeur dans la liste.</translation>
    </message>
</context>
<context>
    <name>UnsubscribeDialog</name>
    <message>
        <source>Unsubscribe</source>
        <translation>Se désabonner</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;{0}&lt;/b&gt;&lt;br&gt;%Ln mails · {1}</source>
        <translation>
            <numerusform>&lt;b&gt;{0}&lt;/b&gt;&lt;br&gt;%Ln e-mail · {1}</numerusform>
            <numerusform>&lt;b&gt;{0}&lt;/b&gt;&lt;br&gt;%Ln e-mails · {1}</numerusform>
        </translation>
    </message>
    <message>
        <source>This sender gives no unsubscribe link in its mails.</source>
        <translation>Cet expéditeur ne donne aucun lien de désabonnement dans ses e-mails.</translation>
    </message>
    <message>
        <source>Open the unsubscribe page</source>
        <translation>Ouvrir la page de désabonnement</translation>
    </message>
    <message>
        <source>Write the unsubscribe mail</source>
        <translation>Écrire l’e-mail de désabonnement</translation>
    </message>
    <message>
        <source>Unsubscribe for me (one click)</source>
        <translation>Me désabonner (en un clic)</translation>
    </message>
    <message>
        <source>The app checks that the sender really signed this offer (DKIM) before sending the request.</source>
        <translation>L’application vérifie que l’expéditeur a bien signé cette offre (DKIM) avant d’envoyer la demande.</translation>
    </message>
    <message>
        <source>and delete this sender's mail older than</source>
        <translation>et supprimer les e-mails de cet expéditeur de plus de</translation>
    </message>
    <message>
        <source> months</source>
        <translation> mois</translation>
    </message>
    <message numerus="yes">
        <source>%Ln mails ({0}) will be ticked for the cleanup.</source>
        <translation>
            <numerusform>%Ln e-mail ({0}) sera coché pour le nettoyage.</numerusform>
            <numerusform>%Ln e-mails ({0}) seront cochés pour le nettoyage.</numerusform>
        </translation>
    </message>
    <message>
        <source>Checking the sender's signature…</source>
        <translation>Vérification de la signature de l’expéditeur…</translation>
    </message>
    <message>
        <source>Done: the sender confirmed the request.</source>
        <translation>C’est fait : l’expéditeur a confirmé la demande.</translation>
    </message>
    <message>
        <source>Not sent: {0}</source>
        <translation>Non envoyé : {0}</translation>
    </message>
</context>
<context>
    <name>Reasons</name>
    <message>
        <source>Permission denied</source>
        <translation>Accès refusé</translation>
    </message>
    <message>
        <source>Operation not permitted</source>
        <translation>Opération non autorisée</translation>
    </message>
    <message>
        <source>Vanished during the scan</source>
        <translation>Disparu pendant l’analyse</translation>
    </message>
    <message>
        <source>Path too long</source>
        <translation>Chemin trop long</translation>
    </message>
    <message>
        <source>Input/output error (the disk may be failing)</source>
        <translation>Erreur de lecture (le disque est peut-être défaillant)</translation>
    </message>
    <message>
        <source>Too many levels of symbolic links</source>
        <translation>Trop de niveaux de liens symboliques</translation>
    </message>
    <message>
        <source>Not a folder any more</source>
        <translation>N’est plus un dossier</translation>
    </message>
    <message>
        <source>Not a folder</source>
        <translation>N’est pas un dossier</translation>
    </message>
    <message>
        <source>No such folder</source>
        <translation>Dossier introuvable</translation>
    </message>
    <message>
        <source>Changed during the scan</source>
        <translation>Modifié pendant l’analyse</translation>
    </message>
    <message>
        <source>Name cannot be decoded</source>
        <translation>Nom illisible</translation>
    </message>
    <message>
        <source>Open in another program (locked)</source>
        <translation>Ouvert dans un autre programme (verrouillé)</translation>
    </message>
    <message>
        <source>Byte comparison failed: {error}</source>
        <translation>La comparaison octet par octet a échoué : {error}</translation>
    </message>
    <message>
        <source>System folder: Cleanup Desktop never offers anything in it for deletion, so it is not scanned</source>
        <translation>Dossier système : Cleanup Desktop n’y propose jamais rien à supprimer, il n’est donc pas analysé</translation>
    </message>
    <message>
        <source>{error}</source>
        <translation>{error}</translation>
    </message>
    <message>
        <source>no cleaning rule of that name</source>
        <translation>aucune règle de nettoyage de ce nom</translation>
    </message>
    <message>
        <source>no longer exists</source>
        <translation>n’existe plus</translation>
    </message>
    <message>
        <source>cannot be checked</source>
        <translation>ne peut pas être vérifié</translation>
    </message>
    <message>
        <source>not a regular file</source>
        <translation>pas un fichier ordinaire</translation>
    </message>
    <message>
        <source>belongs to another user</source>
        <translation>appartient à un autre utilisateur</translation>
    </message>
    <message>
        <source>changed too recently</source>
        <translation>modifié trop récemment</translation>
    </message>
    <message>
        <source>named like a core dump but is not one</source>
        <translation>nommé comme un vidage mémoire (core dump) mais n’en est pas un</translation>
    </message>
    <message>
        <source>its program is running</source>
        <translation>son programme est ouvert</translation>
    </message>
    <message>
        <source>open by a running program</source>
        <translation>ouvert par un programme en cours</translation>
    </message>
    <message>
        <source>never deleted by Cleanup Desktop (size reported only)</source>
        <translation>jamais supprimé par Cleanup Desktop (taille indiquée seulement)</translation>
    </message>
    <message>
        <source>your own files: review them yourself (size reported only)</source>
        <translation>vos propres fichiers : vérifiez-les vous-même (taille indiquée seulement)</translation>
    </message>
    <message>
        <source>Kept: it is inside a folder you chose to keep.</source>
        <translation>Conservé : il se trouve dans un dossier que vous avez choisi de garder.</translation>
    </message>
    <message>
        <source>Kept: the last copy can&apos;t be selected, one copy always stays.</source>
        <translation>Conservé : la dernière copie ne peut pas être sélectionnée, une copie reste toujours.</translation>
    </message>
    <message>
        <source>it is not part of the scan result</source>
        <translation>il ne fait pas partie du résultat de l’analyse</translation>
    </message>
    <message>
        <source>Close its application first: it is running.</source>
        <translation>Fermez d’abord son application : elle est ouverte.</translation>
    </message>
    <message>
        <source>the folder {folder} was replaced by a symbolic link</source>
        <translation>le dossier {folder} a été remplacé par un lien symbolique</translation>
    </message>
    <message>
        <source>the folder {folder} was replaced by a link</source>
        <translation>le dossier {folder} a été remplacé par un lien</translation>
    </message>
    <message>
        <source>{folder} is no longer a folder</source>
        <translation>{folder} n’est plus un dossier</translation>
    </message>
    <message>
        <source>the folder {folder} no longer exists</source>
        <translation>le dossier {folder} n’existe plus</translation>
    </message>
    <message>
        <source>the file was replaced by a symbolic link</source>
        <translation>le fichier a été remplacé par un lien symbolique</translation>
    </message>
    <message>
        <source>it is no longer a regular file</source>
        <translation>ce n’est plus un fichier ordinaire</translation>
    </message>
    <message>
        <source>the plan does not say which file this is (no device and file number)</source>
        <translation>le plan ne dit pas de quel fichier il s’agit (ni périphérique ni numéro de fichier)</translation>
    </message>
    <message>
        <source>the file was replaced by another file since the scan</source>
        <translation>le fichier a été remplacé par un autre depuis l’analyse</translation>
    </message>
    <message>
        <source>its size changed since the scan ({old} -&gt; {new} bytes)</source>
        <translation>sa taille a changé depuis l’analyse ({old} -&gt; {new} octets)</translation>
    </message>
    <message>
        <source>it was modified since the scan</source>
        <translation>il a été modifié depuis l’analyse</translation>
    </message>
    <message>
        <source>it can no longer be read ({error})</source>
        <translation>il ne peut plus être lu ({error})</translation>
    </message>
    <message>
        <source>the file was replaced by another file while being checked</source>
        <translation>le fichier a été remplacé par un autre pendant la vérification</translation>
    </message>
    <message>
        <source>its content changed since the scan</source>
        <translation>son contenu a changé depuis l’analyse</translation>
    </message>
    <message>
        <source>the file is gone and not in the trash: it was removed outside this run</source>
        <translation>le fichier a disparu et n’est pas dans la corbeille : il a été supprimé en dehors de ce nettoyage</translation>
    </message>
    <message>
        <source>permanent deletion was not confirmed (use --permanent)</source>
        <translation>la suppression définitive n’a pas été confirmée (utilisez --permanent)</translation>
    </message>
    <message>
        <source>the file no longer exists</source>
        <translation>le fichier n’existe plus</translation>
    </message>
    <message>
        <source>{app} is running ({processes}): close it and run the plan again</source>
        <translation>{app} est ouvert ({processes}) : fermez-le et relancez le nettoyage</translation>
    </message>
    <message>
        <source>the file is open in another program</source>
        <translation>le fichier est ouvert dans un autre programme</translation>
    </message>
    <message>
        <source>the file is open in another program (locked); close it and run the plan again</source>
        <translation>le fichier est ouvert dans un autre programme (verrouillé) ; fermez-le et relancez le nettoyage</translation>
    </message>
    <message>
        <source>its folder was replaced while it was being checked</source>
        <translation>son dossier a été remplacé pendant la vérification</translation>
    </message>
    <message>
        <source>the file disappeared while it was being checked</source>
        <translation>le fichier a disparu pendant la vérification</translation>
    </message>
    <message>
        <source>the file was replaced while it was being checked</source>
        <translation>le fichier a été remplacé pendant la vérification</translation>
    </message>
    <message>
        <source>the scanned folder {folder} cannot be opened ({error})</source>
        <translation>le dossier analysé {folder} ne peut pas être ouvert ({error})</translation>
    </message>
    <message>
        <source>the scanned folder {folder} is not the folder that was scanned any more</source>
        <translation>le dossier analysé {folder} n’est plus le dossier qui a été analysé</translation>
    </message>
    <message>
        <source>it is on this disk now, not online-only as the plan says: scan again</source>
        <translation>il est maintenant sur ce disque, et non disponible en ligne uniquement comme le dit le plan : relancez l&apos;analyse</translation>
    </message>
    <message>
        <source>it is an online-only cloud file now: deleting it would delete it from the cloud; scan again</source>
        <translation>c&apos;est maintenant un fichier cloud disponible en ligne uniquement : le supprimer le supprimerait du cloud ; relancez l&apos;analyse</translation>
    </message>
    <message>
        <source>{reason} (whole group skipped)</source>
        <translation>{reason} (tout le groupe est ignoré)</translation>
    </message>
    <message>
        <source>the kept copy {path} was replaced by a symbolic link</source>
        <translation>la copie conservée {path} a été remplacée par un lien symbolique</translation>
    </message>
    <message>
        <source>the kept copy {path} no longer exists</source>
        <translation>la copie conservée {path} n’existe plus</translation>
    </message>
    <message>
        <source>the kept copy {path} cannot be read ({error})</source>
        <translation>la copie conservée {path} ne peut pas être lue ({error})</translation>
    </message>
    <message>
        <source>the kept copy {path} is no longer a regular file</source>
        <translation>la copie conservée {path} n’est plus un fichier ordinaire</translation>
    </message>
    <message>
        <source>the kept copy {path} now leads to this very file</source>
        <translation>la copie conservée {path} mène maintenant à ce même fichier</translation>
    </message>
    <message>
        <source>the kept copy {path} cannot be told apart from this file</source>
        <translation>la copie conservée {path} ne peut pas être distinguée de ce fichier</translation>
    </message>
    <message>
        <source>the kept copy {path} changed size</source>
        <translation>la copie conservée {path} a changé de taille</translation>
    </message>
    <message>
        <source>the kept copy {path} no longer has the same content</source>
        <translation>la copie conservée {path} n’a plus le même contenu</translation>
    </message>
    <message>
        <source>the plan does not say which item this is (no device and file number)</source>
        <translation>le plan ne dit pas de quel élément il s’agit (ni périphérique ni numéro de fichier)</translation>
    </message>
    <message>
        <source>the folder was replaced by another one since the scan</source>
        <translation>le dossier a été remplacé par un autre depuis l’analyse</translation>
    </message>
    <message>
        <source>the link was replaced by another one since the scan</source>
        <translation>le lien a été remplacé par un autre depuis l’analyse</translation>
    </message>
    <message>
        <source>the folder no longer exists</source>
        <translation>le dossier n’existe plus</translation>
    </message>
    <message>
        <source>the link no longer exists</source>
        <translation>le lien n’existe plus</translation>
    </message>
    <message>
        <source>a folder is removed only inside a scanned folder, never the scanned folder itself</source>
        <translation>un dossier n’est retiré qu’à l’intérieur d’un dossier analysé, jamais le dossier analysé lui-même</translation>
    </message>
    <message>
        <source>it is no longer a folder (a link or a file took its place)</source>
        <translation>ce n’est plus un dossier (un lien ou un fichier a pris sa place)</translation>
    </message>
    <message>
        <source>the folder is no longer empty</source>
        <translation>le dossier n’est plus vide</translation>
    </message>
    <message>
        <source>the plan names no kept folder</source>
        <translation>le plan ne nomme aucun dossier conservé</translation>
    </message>
    <message>
        <source>the kept folder {path} no longer exists</source>
        <translation>le dossier conservé {path} n’existe plus</translation>
    </message>
    <message>
        <source>the kept folder {path} is no longer a folder</source>
        <translation>le dossier conservé {path} n’est plus un dossier</translation>
    </message>
    <message>
        <source>the kept folder now leads to this very folder</source>
        <translation>le dossier conservé mène maintenant à ce même dossier</translation>
    </message>
    <message>
        <source>the kept folder and this folder lie inside one another</source>
        <translation>le dossier conservé et ce dossier sont l’un dans l’autre</translation>
    </message>
    <message>
        <source>the kept folder {path} no longer has the same content</source>
        <translation>le dossier conservé {path} n’a plus le même contenu</translation>
    </message>
    <message>
        <source>the folder&apos;s content changed since the scan</source>
        <translation>le contenu du dossier a changé depuis l’analyse</translation>
    </message>
    <message>
        <source>it is no longer a symbolic link</source>
        <translation>ce n’est plus un lien symbolique</translation>
    </message>
    <message>
        <source>the link now points somewhere else</source>
        <translation>le lien pointe maintenant ailleurs</translation>
    </message>
    <message>
        <source>the link works again (its target exists)</source>
        <translation>le lien fonctionne de nouveau (sa cible existe)</translation>
    </message>
    <message>
        <source>its target is on a volume that is not plugged in</source>
        <translation>sa cible est sur un volume qui n’est pas branché</translation>
    </message>
    <message>
        <source>it was replaced while it was being checked</source>
        <translation>il a été remplacé pendant la vérification</translation>
    </message>
    <message>
        <source>the plan names no kept photo</source>
        <translation>le plan ne nomme aucune photo conservée</translation>
    </message>
    <message>
        <source>the kept photo {path} no longer exists (whole group skipped)</source>
        <translation>la photo conservée {path} n’existe plus (tout le groupe est ignoré)</translation>
    </message>
    <message>
        <source>the kept photo {path} is no longer a regular file</source>
        <translation>la photo conservée {path} n’est plus un fichier ordinaire</translation>
    </message>
    <message>
        <source>the kept photo {path} changed since the scan</source>
        <translation>la photo conservée {path} a changé depuis l’analyse</translation>
    </message>
    <message>
        <source>the kept photo now leads to this very file</source>
        <translation>la photo conservée mène maintenant à ce même fichier</translation>
    </message>
    <message>
        <source>this drive has no trash folder this account may use</source>
        <translation>ce disque n’a pas de corbeille utilisable par ce compte</translation>
    </message>
    <message>
        <source>the drive is read-only</source>
        <translation>le disque est en lecture seule</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>permission refusée</translation>
    </message>
    <message>
        <source>no space left for the trash</source>
        <translation>plus de place pour la corbeille</translation>
    </message>
    <message>
        <source>could not move to the trash: {error}; the file was left in place</source>
        <translation>impossible de le mettre à la corbeille : {error} ; le fichier est resté en place</translation>
    </message>
    <message>
        <source>could not delete: {error}</source>
        <translation>impossible de le supprimer : {error}</translation>
    </message>
    <message>
        <source>its journal record does not point into this trash (edited?): left alone</source>
        <translation>sa ligne de journal ne désigne pas un élément de cette corbeille (modifiée ?) : rien n&apos;est touché</translation>
    </message>
    <message>
        <source>no longer in the trash</source>
        <translation>n&apos;est plus dans la corbeille</translation>
    </message>
    <message>
        <source>the trash entry of that name is another item now</source>
        <translation>l&apos;entrée de corbeille de ce nom est maintenant un autre élément</translation>
    </message>
    <message>
        <source>the trash entry of that name is a link now</source>
        <translation>l&apos;entrée de corbeille de ce nom est maintenant un lien</translation>
    </message>
    <message>
        <source>the file was moved to the trash but its trash entry could not be found</source>
        <translation>le fichier a été mis à la corbeille mais son entrée de corbeille est introuvable</translation>
    </message>
    <message>
        <source>the trash entry&apos;s record does not name the original path any more</source>
        <translation>la fiche de l&apos;entrée de corbeille ne nomme plus le chemin d&apos;origine</translation>
    </message>
    <message>
        <source>its trash folder belongs to another user</source>
        <translation>son dossier corbeille appartient à un autre utilisateur</translation>
    </message>
    <message>
        <source>the top of its drive could not be found</source>
        <translation>la racine de son disque est introuvable</translation>
    </message>
    <message>
        <source>this drive has no trash folder this account may use ({error})</source>
        <translation>ce disque n’a pas de corbeille utilisable par ce compte ({error})</translation>
    </message>
    <message>
        <source>this drive&apos;s trash folder is on another drive</source>
        <translation>la corbeille de ce disque est sur un autre disque</translation>
    </message>
    <message>
        <source>this drive has no usable trash folder ({error})</source>
        <translation>ce disque n’a pas de corbeille utilisable ({error})</translation>
    </message>
    <message>
        <source>the file disappeared while it was being moved</source>
        <translation>le fichier a disparu pendant son déplacement</translation>
    </message>
    <message>
        <source>the file was replaced at the moment of the move: it was put back</source>
        <translation>le fichier a été remplacé au moment du déplacement : il a été remis en place</translation>
    </message>
    <message>
        <source>this drive has no trash: items go to a quarantine folder</source>
        <translation>ce disque n&apos;a pas de corbeille : les éléments vont dans un dossier de quarantaine</translation>
    </message>
    <message>
        <source>{why}: items go to a quarantine folder</source>
        <translation>{why} : les éléments vont dans un dossier de quarantaine</translation>
    </message>
    <message>
        <source>this drive has no trash folder this account may use, and no quarantine folder could be made in {folder} ({error})</source>
        <translation>ce disque n&apos;a pas de corbeille utilisable par ce compte, et aucun dossier de quarantaine n&apos;a pu être créé dans {folder} ({error})</translation>
    </message>
    <message>
        <source>it is on another drive than the scanned folder</source>
        <translation>il est sur un autre disque que le dossier analysé</translation>
    </message>
    <message>
        <source>its quarantine folder is a link or belongs to another user</source>
        <translation>son dossier de quarantaine est un lien ou appartient à un autre utilisateur</translation>
    </message>
    <message>
        <source>its quarantine record is gone or names another item</source>
        <translation>sa fiche de quarantaine a disparu ou désigne un autre élément</translation>
    </message>
    <message>
        <source>network drive: it has no Recycle Bin</source>
        <translation>lecteur réseau : il n&apos;a pas de Corbeille</translation>
    </message>
    <message>
        <source>this drive has no Recycle Bin</source>
        <translation>ce disque n&apos;a pas de Corbeille</translation>
    </message>
    <message>
        <source>the Recycle Bin is turned off on this drive</source>
        <translation>la Corbeille est désactivée sur ce disque</translation>
    </message>
    <message>
        <source>the item is larger than this drive&apos;s Recycle Bin</source>
        <translation>l&apos;élément est plus grand que la Corbeille de ce disque</translation>
    </message>
    <message>
        <source>the Recycle Bin refused it ({error})</source>
        <translation>la Corbeille l&apos;a refusé ({error})</translation>
    </message>
    <message>
        <source>the Recycle Bin did not take it; it was left in place</source>
        <translation>la Corbeille ne l&apos;a pas pris ; il est resté en place</translation>
    </message>
    <message>
        <source>moved to the Recycle Bin, but its entry could not be found: restore it from the Recycle Bin</source>
        <translation>placé dans la Corbeille, mais son entrée est introuvable : restaurez-le depuis la Corbeille</translation>
    </message>
    <message>
        <source>its Recycle Bin record ($I) is gone or unreadable</source>
        <translation>sa fiche de Corbeille ($I) a disparu ou est illisible</translation>
    </message>
    <message>
        <source>the Recycle Bin record ($I) of that name is another item now</source>
        <translation>la fiche de Corbeille ($I) de ce nom est maintenant celle d&apos;un autre élément</translation>
    </message>
    <message>
        <source>the Trash refused it ({error})</source>
        <translation>la Corbeille l&apos;a refusé ({error})</translation>
    </message>
    <message>
        <source>moved to the Trash, but not where the system said: restore it from the Trash</source>
        <translation>placé dans la Corbeille, mais pas là où le système l&apos;a dit : restaurez-le depuis la Corbeille</translation>
    </message>
    <message>
        <source>moved to the Trash, but the item there is not the file: restore it from the Trash</source>
        <translation>placé dans la Corbeille, mais l&apos;élément qui s&apos;y trouve n&apos;est pas le fichier : restaurez-le depuis la Corbeille</translation>
    </message>
    <message>
        <source>online-only cloud files are deleted from the cloud and skip the local trash: the provider&apos;s own recycle bin is the way back</source>
        <translation>les fichiers cloud disponibles en ligne uniquement sont supprimés du cloud sans passer par la corbeille locale : la corbeille du fournisseur permet de les récupérer</translation>
    </message>
    <message>
        <source>deleted from the cloud: the provider&apos;s own recycle bin is the way back</source>
        <translation>supprimé du cloud : la corbeille du fournisseur permet de le récupérer</translation>
    </message>
    <message>
        <source>its recorded path is not a plain path</source>
        <translation>son chemin enregistré n’est pas un chemin simple</translation>
    </message>
    <message>
        <source>{folder} was replaced by a link or a file</source>
        <translation>{folder} a été remplacé par un lien ou un fichier</translation>
    </message>
    <message>
        <source>its recorded folders do not match its path</source>
        <translation>les dossiers enregistrés ne correspondent pas à son chemin</translation>
    </message>
    <message>
        <source>the folder {folder} is not the folder it came from any more</source>
        <translation>le dossier {folder} n’est plus le dossier d’où il venait</translation>
    </message>
    <message>
        <source>the folder {folder} changed while it was being restored</source>
        <translation>le dossier {folder} a changé pendant la restauration</translation>
    </message>
    <message>
        <source>the trash folder belongs to another user</source>
        <translation>le dossier corbeille appartient à un autre utilisateur</translation>
    </message>
    <message>
        <source>its original folder is now on another drive: restore it from the trash</source>
        <translation>son dossier d’origine est maintenant sur un autre disque : restaurez-le depuis la corbeille</translation>
    </message>
    <message>
        <source>its folder was removed while it was being restored</source>
        <translation>son dossier a été supprimé pendant la restauration</translation>
    </message>
    <message>
        <source>{why}: nothing was restored, it stays in the trash</source>
        <translation>{why} : rien n’a été restauré, l’élément reste dans la corbeille</translation>
    </message>
    <message>
        <source>the mail server</source>
        <translation>le serveur de messagerie</translation>
    </message>
    <message>
        <source>Cannot find the mail server &apos;{host}&apos;: check the server name and your internet connection.</source>
        <translation>Serveur de messagerie « {host} » introuvable : vérifiez le nom du serveur et votre connexion internet.</translation>
    </message>
    <message>
        <source>The certificate of {where} is not trusted ({error}).</source>
        <translation>Le certificat de {where} n’est pas reconnu comme sûr ({error}).</translation>
    </message>
    <message>
        <source>Secure connection to {where} failed ({error}). Check the port and the security setting (SSL/TLS on 993, STARTTLS on 143).</source>
        <translation>La connexion sécurisée à {where} a échoué ({error}). Vérifiez le port et le réglage de sécurité (SSL/TLS sur 993, STARTTLS sur 143).</translation>
    </message>
    <message>
        <source>The mail server {where} refused the connection: it is down or the port is wrong.</source>
        <translation>Le serveur de messagerie {where} a refusé la connexion : il est arrêté ou le port est faux.</translation>
    </message>
    <message>
        <source>The mail server {where} did not answer in time.</source>
        <translation>Le serveur de messagerie {where} n’a pas répondu à temps.</translation>
    </message>
    <message>
        <source>The connection to {where} was cut. Nothing was changed by the cut; try again.</source>
        <translation>La connexion à {where} a été coupée. La coupure n’a rien modifié ; réessayez.</translation>
    </message>
    <message>
        <source>The mail server {where} cannot be reached from this network.</source>
        <translation>Le serveur de messagerie {where} est injoignable depuis ce réseau.</translation>
    </message>
    <message>
        <source>The connection to {where} was cut ({error}). Nothing was lost; try again.</source>
        <translation>La connexion à {where} a été coupée ({error}). Rien n’a été perdu ; réessayez.</translation>
    </message>
    <message>
        <source>Sign-in to {where} failed: wrong user name or password ({error}).</source>
        <translation>La connexion à {where} a échoué : nom d’utilisateur ou mot de passe incorrect ({error}).</translation>
    </message>
    <message>
        <source>Mail server {where}: {error}</source>
        <translation>Serveur de messagerie {where} : {error}</translation>
    </message>
    <message>
        <source>A certificate fingerprint is 64 hexadecimal digits (SHA-256), e.g. AB:CD:...</source>
        <translation>Une empreinte de certificat compte 64 chiffres hexadécimaux (SHA-256), par ex. AB:CD:...</translation>
    </message>
    <message>
        <source>Unknown security mode &apos;{mode}&apos; (use ssl, starttls or insecure-plain).</source>
        <translation>Mode de sécurité « {mode} » inconnu (utilisez ssl, starttls ou insecure-plain).</translation>
    </message>
    <message>
        <source>Unencrypted IMAP is only allowed to this computer (localhost); use ssl or starttls.</source>
        <translation>L’IMAP non chiffré n’est permis que vers cet ordinateur (localhost) ; utilisez ssl ou starttls.</translation>
    </message>
    <message>
        <source>{where} does not offer STARTTLS; try security ssl on port 993.</source>
        <translation>{where} ne propose pas STARTTLS ; essayez la sécurité ssl sur le port 993.</translation>
    </message>
    <message>
        <source> Its SHA-256 fingerprint is {fingerprint}: if you trust this server, pass --trust-fingerprint {fingerprint}.</source>
        <translation> Son empreinte SHA-256 est {fingerprint} : si vous faites confiance à ce serveur, passez --trust-fingerprint {fingerprint}.</translation>
    </message>
    <message>
        <source>The certificate of {where} is not trusted ({error}).{hint}</source>
        <translation>Le certificat de {where} n’est pas reconnu comme sûr ({error}).{hint}</translation>
    </message>
    <message>
        <source>The certificate of {where} does not match the trusted fingerprint (it is {fingerprint}). Do not continue unless the server&apos;s certificate was changed on purpose.</source>
        <translation>Le certificat de {where} ne correspond pas à l’empreinte de confiance (c’est {fingerprint}). Ne continuez pas, sauf si le certificat du serveur a été changé volontairement.</translation>
    </message>
    <message>
        <source>No password or sign-in token was given for this account.</source>
        <translation>Aucun mot de passe ni jeton de connexion n’a été donné pour ce compte.</translation>
    </message>
    <message>
        <source>The connection to {where} was lost during sign-in (a network error, not a wrong password); nothing was changed, try again.</source>
        <translation>La connexion à {where} a été perdue pendant l’identification (une erreur réseau, pas un mauvais mot de passe) ; rien n’a été modifié, réessayez.</translation>
    </message>
    <message>
        <source>Sign-in to {where} with the OAuth token was refused; sign in again (the token may have expired or lack IMAP access). Server said: {error}</source>
        <translation>La connexion à {where} avec le jeton OAuth a été refusée ; reconnectez-vous (le jeton a peut-être expiré ou n’a pas l’accès IMAP). Réponse du serveur : {error}</translation>
    </message>
    <message>
        <source>Sign-in to {where} failed: wrong user name or password. Server said: {error}</source>
        <translation>La connexion à {where} a échoué : nom d’utilisateur ou mot de passe incorrect. Réponse du serveur : {error}</translation>
    </message>
    <message>
        <source>The scan was stopped.</source>
        <translation>L’analyse a été arrêtée.</translation>
    </message>
    <message>
        <source>All folders of one scan use the same attachment threshold.</source>
        <translation>Tous les dossiers d’une analyse utilisent le même seuil de pièces jointes.</translation>
    </message>
    <message>
        <source>No such folder on the server: {folders}</source>
        <translation>Dossier absent du serveur : {folders}</translation>
    </message>
    <message>
        <source>this server lacks UIDPLUS: not flagging anything \Deleted</source>
        <translation>ce serveur n’offre pas UIDPLUS : rien n’est marqué \Deleted</translation>
    </message>
    <message>
        <source>this server offers neither MOVE nor UIDPLUS</source>
        <translation>ce serveur n’offre ni MOVE ni UIDPLUS</translation>
    </message>
    <message>
        <source>No password for {account}: save it in the app (mail-accounts set-password) or give it with clean --password-env VAR.</source>
        <translation>Pas de mot de passe pour {account} : enregistrez-le dans l’application (mail-accounts set-password) ou donnez-le avec clean --password-env VAR.</translation>
    </message>
    <message>
        <source>With a DOMAIN\user name, also give the e-mail address of the mailbox.</source>
        <translation>Avec un nom DOMAINE\utilisateur, donnez aussi l’adresse e-mail de la boîte aux lettres.</translation>
    </message>
    <message>
        <source>An Exchange account needs a user name (DOMAIN\user or user@domain).</source>
        <translation>Un compte Exchange a besoin d’un nom d’utilisateur (DOMAINE\utilisateur ou utilisateur@domaine).</translation>
    </message>
    <message>
        <source>Unknown Exchange sign-in method &apos;{method}&apos; (ntlm, basic or kerberos).</source>
        <translation>Méthode de connexion Exchange « {method} » inconnue (ntlm, basic ou kerberos).</translation>
    </message>
    <message>
        <source>&apos;{url}&apos; is not a server address like https://mail.example.org/EWS/Exchange.asmx</source>
        <translation>« {url} » n’est pas une adresse de serveur comme https://mail.example.org/EWS/Exchange.asmx</translation>
    </message>
    <message>
        <source>Exchange over plain http is only allowed to this computer; use https.</source>
        <translation>Exchange en http simple n’est permis que vers cet ordinateur ; utilisez https.</translation>
    </message>
    <message>
        <source>the Exchange server</source>
        <translation>le serveur Exchange</translation>
    </message>
    <message>
        <source>{where} does not accept passwords for EWS: use the Microsoft 365 account type (Microsoft Graph) for this mailbox.</source>
        <translation>{where} n’accepte pas de mot de passe pour EWS : utilisez le type de compte Microsoft 365 (Microsoft Graph) pour cette boîte aux lettres.</translation>
    </message>
    <message>
        <source>Sign-in to {where} failed: wrong user name or password (write the user as DOMAIN\user or user@domain, and check the sign-in method NTLM/basic).</source>
        <translation>La connexion à {where} a échoué : nom d’utilisateur ou mot de passe incorrect (écrivez l’utilisateur sous la forme DOMAINE\utilisateur ou utilisateur@domaine, et vérifiez la méthode de connexion NTLM/basic).</translation>
    </message>
    <message>
        <source>{where} refused EWS (403 Forbidden). If this is a Microsoft 365 mailbox, EWS is switched off there: use the Microsoft 365 account type (Microsoft Graph) for this mailbox. Otherwise ask your IT whether EWS is allowed for you.</source>
        <translation>{where} a refusé EWS (403 Forbidden). Si c’est une boîte Microsoft 365, EWS y est désactivé : utilisez le type de compte Microsoft 365 (Microsoft Graph) pour cette boîte aux lettres. Sinon, demandez à votre service informatique si EWS vous est permis.</translation>
    </message>
    <message>
        <source>{where} is busy and asks to slow down; try again later.</source>
        <translation>{where} est occupé et demande de ralentir ; réessayez plus tard.</translation>
    </message>
    <message>
        <source>The Exchange server for {mailbox} could not be found automatically: enter the server address (ask IT for the EWS URL, e.g. https://mail.example.org/EWS/Exchange.asmx).</source>
        <translation>Le serveur Exchange de {mailbox} n’a pas pu être trouvé automatiquement : saisissez l’adresse du serveur (demandez l’URL EWS au service informatique, par ex. https://mail.example.org/EWS/Exchange.asmx).</translation>
    </message>
    <message>
        <source>{where} has no mailbox for {mailbox}: check the e-mail address.</source>
        <translation>{where} n’a pas de boîte aux lettres pour {mailbox} : vérifiez l’adresse e-mail.</translation>
    </message>
    <message>
        <source>{where} denied access to the mailbox {mailbox}.</source>
        <translation>{where} a refusé l’accès à la boîte aux lettres {mailbox}.</translation>
    </message>
    <message>
        <source>The certificate of {where} is not trusted. If your company uses its own certificate authority, give its certificate file (PEM) as the CA file; never turn checking off.</source>
        <translation>Le certificat de {where} n’est pas reconnu comme sûr. Si votre entreprise a sa propre autorité de certification, donnez son fichier de certificat (PEM) comme fichier CA ; ne désactivez jamais la vérification.</translation>
    </message>
    <message>
        <source>The Exchange server {where} refused the connection: it is down or the address is wrong.</source>
        <translation>Le serveur Exchange {where} a refusé la connexion : il est arrêté ou l’adresse est fausse.</translation>
    </message>
    <message>
        <source>Cannot find the Exchange server &apos;{where}&apos;: check the address and your connection.</source>
        <translation>Serveur Exchange « {where} » introuvable : vérifiez l’adresse et votre connexion.</translation>
    </message>
    <message>
        <source>The Exchange server {where} did not answer in time.</source>
        <translation>Le serveur Exchange {where} n’a pas répondu à temps.</translation>
    </message>
    <message>
        <source>Exchange server {where}: {error}</source>
        <translation>Serveur Exchange {where} : {error}</translation>
    </message>
    <message>
        <source>No password for {user} on {host}.</source>
        <translation>Pas de mot de passe pour {user} sur {host}.</translation>
    </message>
    <message>
        <source>Kerberos sign-in needs the requests-gssapi package, which is not installed: choose NTLM.</source>
        <translation>La connexion Kerberos demande le paquet requests-gssapi, qui n’est pas installé : choisissez NTLM.</translation>
    </message>
    <message>
        <source>{host} did not show the mailbox&apos;s folders.</source>
        <translation>{host} n’a pas montré les dossiers de la boîte aux lettres.</translation>
    </message>
    <message>
        <source>Cannot find &apos;{host}&apos;: check your internet connection.</source>
        <translation>« {host} » introuvable : vérifiez votre connexion internet.</translation>
    </message>
    <message>
        <source>Cannot connect to {host}: {error}.</source>
        <translation>Impossible de se connecter à {host} : {error}.</translation>
    </message>
    <message>
        <source>{host} did not answer in time.</source>
        <translation>{host} n’a pas répondu à temps.</translation>
    </message>
    <message>
        <source>The connection to {host} was cut. Nothing was lost; try again.</source>
        <translation>La connexion à {host} a été coupée. Rien n’a été perdu ; réessayez.</translation>
    </message>
    <message>
        <source>The Microsoft 365 sign-in was refused or has expired: sign in again ({error}).</source>
        <translation>La connexion Microsoft 365 a été refusée ou a expiré : reconnectez-vous ({error}).</translation>
    </message>
    <message>
        <source>A Microsoft 365 account needs the application (client) id your IT registered.</source>
        <translation>Un compte Microsoft 365 a besoin de l’identifiant d’application (client) enregistré par votre service informatique.</translation>
    </message>
    <message>
        <source>A Microsoft 365 account needs the tenant id (or &apos;organizations&apos;).</source>
        <translation>Un compte Microsoft 365 a besoin de l’identifiant de locataire (ou « organizations »).</translation>
    </message>
    <message>
        <source>Microsoft Graph is only reached over https.</source>
        <translation>Microsoft Graph n’est joint qu’en https.</translation>
    </message>
    <message>
        <source>The sign-in service (authority) is an https:// address.</source>
        <translation>Le service de connexion (authority) est une adresse https://.</translation>
    </message>
    <message>
        <source>CA file not found: {path}</source>
        <translation>Fichier CA introuvable : {path}</translation>
    </message>
    <message>
        <source>The CA file {path} cannot be read: {error}</source>
        <translation>Le fichier CA {path} ne peut pas être lu : {error}</translation>
    </message>
    <message>
        <source>No access token in the environment variable {var}.</source>
        <translation>Aucun jeton d’accès dans la variable d’environnement {var}.</translation>
    </message>
    <message>
        <source>{where} is busy and asked to slow down for too long; try again later (nothing was changed by the wait).</source>
        <translation>{where} est occupé et a demandé de ralentir trop longtemps ; réessayez plus tard (l’attente n’a rien modifié).</translation>
    </message>
    <message>
        <source>{kind} accounts are not supported</source>
        <translation>les comptes {kind} ne sont pas pris en charge</translation>
    </message>
    <message>
        <source>the mail batch stopped before this message (connection lost); run the plan again</source>
        <translation>le lot de messages s’est arrêté avant ce message (connexion perdue) ; relancez le nettoyage</translation>
    </message>
    <message>
        <source>this server offers neither MOVE nor UIDPLUS: removing a message would need a plain EXPUNGE, which could also remove messages flagged \Deleted elsewhere, so this folder cannot be cleaned safely on this server</source>
        <translation>ce serveur n’offre ni MOVE ni UIDPLUS : retirer un message demanderait un EXPUNGE simple, qui pourrait aussi effacer des messages marqués \Deleted ailleurs ; ce dossier ne peut donc pas être nettoyé sans risque sur ce serveur</translation>
    </message>
    <message>
        <source>this server lacks UIDPLUS (UID EXPUNGE): deleting exactly these messages is not possible</source>
        <translation>ce serveur n’offre pas UIDPLUS (UID EXPUNGE) : impossible de supprimer exactement ces messages</translation>
    </message>
    <message>
        <source>you have no right to delete messages in &apos;{folder}&apos; (rights: {rights})</source>
        <translation>vous n’avez pas le droit de supprimer des messages dans « {folder} » (droits : {rights})</translation>
    </message>
    <message>
        <source>no Trash folder found on the server: choose &apos;delete permanently&apos; or create a Trash folder</source>
        <translation>aucun dossier Corbeille sur le serveur : choisissez « supprimer définitivement » ou créez un dossier Corbeille</translation>
    </message>
    <message>
        <source>already in the Trash folder</source>
        <translation>déjà dans le dossier Corbeille</translation>
    </message>
    <message>
        <source>already in Deleted Items</source>
        <translation>déjà dans les Éléments supprimés</translation>
    </message>
    <message>
        <source>folder &apos;{folder}&apos; changed on the server since the scan (UIDVALIDITY): scan again before cleaning it</source>
        <translation>le dossier « {folder} » a changé sur le serveur depuis l’analyse (UIDVALIDITY) : relancez l’analyse avant de le nettoyer</translation>
    </message>
    <message>
        <source>the message changed since the scan: left alone</source>
        <translation>le message a changé depuis l’analyse : il est laissé tel quel</translation>
    </message>
    <message>
        <source>the message was flagged (starred) since the scan: left alone</source>
        <translation>le message a été marqué d’un drapeau (suivi) depuis l’analyse : il est laissé tel quel</translation>
    </message>
    <message>
        <source>the message was flagged for follow-up since the scan: left alone</source>
        <translation>le message a été marqué pour suivi depuis l’analyse : il est laissé tel quel</translation>
    </message>
    <message>
        <source>the copy to keep (folder &apos;{folder}&apos;) is no longer on the server: not removing what may be the last copy</source>
        <translation>la copie à conserver (dossier « {folder} ») n’est plus sur le serveur : rien n’est retiré, ce pourrait être la dernière copie</translation>
    </message>
    <message>
        <source>the copy to keep is in &apos;{folder}&apos;, which is not a folder that keeps mail (Trash, Junk, Drafts, virtual or shared): not removing what may be the last copy</source>
        <translation>la copie à conserver est dans « {folder} », qui n’est pas un dossier où le courrier reste (corbeille, indésirables, brouillons, dossier virtuel ou partagé) : rien n’est retiré, ce pourrait être la dernière copie</translation>
    </message>
    <message>
        <source>the copy to keep (folder &apos;{folder}&apos;) cannot be read: left alone</source>
        <translation>la copie à conserver (dossier « {folder} ») ne peut pas être lue : laissé tel quel</translation>
    </message>
    <message>
        <source>the copy to keep is gone, changed or flagged \Deleted: not removing what may be the last copy</source>
        <translation>la copie à conserver a disparu, a changé ou est marquée \Deleted : rien n’est retiré, ce pourrait être la dernière copie</translation>
    </message>
    <message>
        <source>the copy to keep is gone or changed: not removing what may be the last copy</source>
        <translation>la copie à conserver a disparu ou a changé : rien n’est retiré, ce pourrait être la dernière copie</translation>
    </message>
    <message>
        <source>the copy to keep is in Deleted Items: not removing what may be the last copy</source>
        <translation>la copie à conserver est dans les Éléments supprimés : rien n’est retiré, ce pourrait être la dernière copie</translation>
    </message>
    <message>
        <source>the message&apos;s content changed since the scan: left alone</source>
        <translation>le contenu du message a changé depuis l’analyse : il est laissé tel quel</translation>
    </message>
    <message>
        <source>the copy to keep no longer has the same content: not removing what may be the last copy</source>
        <translation>la copie à conserver n’a plus le même contenu : rien n’est retiré, ce pourrait être la dernière copie</translation>
    </message>
    <message>
        <source>the message is no longer in the folder (moved or deleted elsewhere)</source>
        <translation>le message n’est plus dans le dossier (déplacé ou supprimé ailleurs)</translation>
    </message>
    <message>
        <source>the server did not remove the message (still in the folder)</source>
        <translation>le serveur n’a pas retiré le message (il est toujours dans le dossier)</translation>
    </message>
    <message>
        <source>moved, but not found in &apos;{folder}&apos; afterwards</source>
        <translation>déplacé, mais introuvable ensuite dans « {folder} »</translation>
    </message>
    <message>
        <source>the server refused: {error}</source>
        <translation>le serveur a refusé : {error}</translation>
    </message>
    <message>
        <source>not the message this app moved: left alone</source>
        <translation>ce n’est pas le message que cette application a déplacé : laissé tel quel</translation>
    </message>
    <message>
        <source>not the message this app moved to Deleted Items: left alone</source>
        <translation>ce n’est pas le message que cette application a mis dans les Éléments supprimés : laissé tel quel</translation>
    </message>
    <message>
        <source>the server kept it in Trash</source>
        <translation>le serveur l’a gardé dans la Corbeille</translation>
    </message>
    <message>
        <source>the server kept it in Deleted Items</source>
        <translation>le serveur l’a gardé dans les Éléments supprimés</translation>
    </message>
    <message>
        <source>could not move it back to &apos;{folder}&apos;: {error}</source>
        <translation>impossible de le remettre dans « {folder} » : {error}</translation>
    </message>
    <message>
        <source>no longer in &apos;{folder}&apos; (emptied or moved elsewhere)</source>
        <translation>n’est plus dans « {folder} » (vidé ou déplacé ailleurs)</translation>
    </message>
    <message>
        <source>its path is not an absolute path</source>
        <translation>son chemin n’est pas un chemin absolu</translation>
    </message>
    <message>
        <source>its kept copy&apos;s path is not an absolute path</source>
        <translation>le chemin de sa copie conservée n’est pas un chemin absolu</translation>
    </message>
    <message>
        <source>its path has &apos;..&apos;, &apos;.&apos; or empty parts</source>
        <translation>son chemin contient « .. », « . » ou des parties vides</translation>
    </message>
    <message>
        <source>its kept copy&apos;s path has &apos;..&apos;, &apos;.&apos; or empty parts</source>
        <translation>le chemin de sa copie conservée contient « .. », « . » ou des parties vides</translation>
    </message>
    <message>
        <source>this plan was not made by this app for this user (no record of it): make it again from a scan</source>
        <translation>ce plan n’a pas été fait par cette application pour cet utilisateur (aucune trace) : refaites-le à partir d’une analyse</translation>
    </message>
    <message>
        <source>the file is not inside a folder that was scanned</source>
        <translation>le fichier n’est dans aucun dossier analysé</translation>
    </message>
    <message>
        <source>the kept copy is not inside a folder that was scanned</source>
        <translation>la copie conservée n’est dans aucun dossier analysé</translation>
    </message>
    <message>
        <source>only temp files are planned in system temp folders</source>
        <translation>seuls des fichiers temporaires sont prévus dans les dossiers temporaires du système</translation>
    </message>
    <message>
        <source>it is in a system or program folder</source>
        <translation>il est dans un dossier du système ou des programmes</translation>
    </message>
    <message>
        <source>its kept copy is malformed</source>
        <translation>sa copie conservée est mal décrite</translation>
    </message>
    <message>
        <source>its safety level {level} was not chosen when the plan was made</source>
        <translation>son niveau de sécurité {level} n’a pas été choisi quand le plan a été fait</translation>
    </message>
    <message>
        <source>it does not match the temp-file rule it was planned with</source>
        <translation>il ne correspond plus à la règle de fichiers temporaires de son plan</translation>
    </message>
    <message>
        <source>its rule is level {level}, not {planned}</source>
        <translation>sa règle est de niveau {level}, pas {planned}</translation>
    </message>
    <message>
        <source>its mail server or user is not the one the plan was made for</source>
        <translation>son serveur ou son utilisateur de messagerie n’est pas celui du plan</translation>
    </message>
    <message>
        <source>the plan is for {user} on {host}, not for the account chosen for this run ({chosen_user} on {chosen_host})</source>
        <translation>le plan est pour {user} sur {host}, pas pour le compte choisi pour ce nettoyage ({chosen_user} sur {chosen_host})</translation>
    </message>
    <message>
        <source>this system does not let applications find items back in its trash; open the trash to restore them</source>
        <translation>ce système ne permet pas aux applications de retrouver les éléments dans sa corbeille ; ouvrez la corbeille pour les restaurer</translation>
    </message>
    <message>
        <source>no part of this app can restore this item: open the trash</source>
        <translation>aucune partie de cette application ne peut restaurer cet élément : ouvrez la corbeille</translation>
    </message>
    <message>
        <source>no part of this app can empty this item: open the trash</source>
        <translation>aucune partie de cette application ne peut vider cet élément : ouvrez la corbeille</translation>
    </message>
    <message>
        <source>restore or empty this message from the mailbox&apos;s Trash folder</source>
        <translation>restaurez ou videz ce message depuis le dossier Corbeille de la messagerie</translation>
    </message>
    <message>
        <source>the file holds {count} sheets; expected one</source>
        <translation>le fichier contient {count} fiches ; une seule attendue</translation>
    </message>
    <message>
        <source>file too large for a sheet ({size} MB &gt; {cap} MB)</source>
        <translation>fichier trop gros pour une fiche ({size} Mo &gt; {cap} Mo)</translation>
    </message>
    <message>
        <source>file too large for a sheet (&gt; {cap} MB)</source>
        <translation>fichier trop gros pour une fiche (&gt; {cap} Mo)</translation>
    </message>
    <message>
        <source>cannot read the file: {error}</source>
        <translation>impossible de lire le fichier : {error}</translation>
    </message>
    <message>
        <source>cannot list the folder: {error}</source>
        <translation>impossible de lister le dossier : {error}</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>le fichier est vide</translation>
    </message>
    <message>
        <source>not a sheet format the app writes (JSON, CSV, XLSX, PDF): binary content</source>
        <translation>pas un format de fiche écrit par l&apos;application (JSON, CSV, XLSX, PDF) : contenu binaire</translation>
    </message>
    <message>
        <source>not a sheet format the app writes (JSON, CSV, XLSX, PDF or the INR block)</source>
        <translation>pas un format de fiche écrit par l&apos;application (JSON, CSV, XLSX, PDF ou le bloc INR)</translation>
    </message>
    <message>
        <source>{value} is not a number a sheet can hold</source>
        <translation>{value} n&apos;est pas un nombre qu&apos;une fiche peut contenir</translation>
    </message>
    <message>
        <source>JSON nested too deeply (more than {limit} levels)</source>
        <translation>JSON trop imbriqué (plus de {limit} niveaux)</translation>
    </message>
    <message>
        <source>not valid JSON ({error})</source>
        <translation>JSON invalide ({error})</translation>
    </message>
    <message>
        <source>an INR DCD-Bilan file without the Cleanup Desktop sheet it was made from (an organiser&apos;s national file, or written by another tool): nothing to verify it against</source>
        <translation>un fichier DCD-Bilan de l&apos;INR sans la fiche Cleanup Desktop dont il est issu : rien pour le vérifier</translation>
    </message>
    <message>
        <source>the INR block&apos;s figures (donnees) disagree with the sheet it carries: edited by hand?</source>
        <translation>les chiffres du bloc INR (donnees) ne correspondent pas à la fiche qu&apos;il contient : modifiés à la main ?</translation>
    </message>
    <message>
        <source>not a readable CSV file ({error})</source>
        <translation>fichier CSV illisible ({error})</translation>
    </message>
    <message>
        <source>not a Cleanup Desktop sheet (no &apos;schema&apos; header row)</source>
        <translation>pas une fiche Cleanup Desktop (pas de ligne d&apos;en-tête « schema »)</translation>
    </message>
    <message>
        <source>the CSV file has no data row</source>
        <translation>le fichier CSV n&apos;a aucune ligne de données</translation>
    </message>
    <message>
        <source>{row}: {reason}</source>
        <translation>{row} : {reason}</translation>
    </message>
    <message>
        <source>an XLSX file without Cleanup Desktop sheet data (an organiser&apos;s workbook or another spreadsheet)</source>
        <translation>un fichier XLSX sans données de fiche Cleanup Desktop (un classeur d&apos;organisateur ou un autre tableur)</translation>
    </message>
    <message>
        <source>not a readable XLSX file ({error})</source>
        <translation>fichier XLSX illisible ({error})</translation>
    </message>
    <message>
        <source>XLSX rejected: {count} parts (at most {limit})</source>
        <translation>XLSX rejeté : {count} parties ({limit} au plus)</translation>
    </message>
    <message>
        <source>XLSX rejected: it would unpack to {size} MB (at most {limit} MB): a zip bomb or not a sheet</source>
        <translation>XLSX rejeté : il se décompresserait en {size} Mo ({limit} Mo au plus) : une bombe zip ou pas une fiche</translation>
    </message>
    <message>
        <source>damaged XLSX file ({error})</source>
        <translation>fichier XLSX endommagé ({error})</translation>
    </message>
    <message>
        <source>not a readable XLSX file (no workbook part)</source>
        <translation>fichier XLSX illisible (pas de partie classeur)</translation>
    </message>
    <message>
        <source>XLSX rejected: more than {limit} shared strings</source>
        <translation>XLSX rejeté : plus de {limit} chaînes partagées</translation>
    </message>
    <message>
        <source>XLSX rejected: more than {limit} rows</source>
        <translation>XLSX rejeté : plus de {limit} lignes</translation>
    </message>
    <message>
        <source>a number is out of range</source>
        <translation>un nombre est hors limites</translation>
    </message>
    <message>
        <source>not a readable PDF file ({error})</source>
        <translation>fichier PDF illisible ({error})</translation>
    </message>
    <message>
        <source>a PDF without the sheet attached (not written by Cleanup Desktop, or printed or re-saved by another program): cannot be read as figures</source>
        <translation>un PDF sans la fiche jointe (pas écrit par Cleanup Desktop, ou imprimé ou réenregistré par un autre programme) : ses chiffres ne peuvent pas être lus</translation>
    </message>
    <message>
        <source>the PDF&apos;s attached sheet is too large</source>
        <translation>la fiche jointe au PDF est trop grosse</translation>
    </message>
    <message>
        <source>the PDF&apos;s attached sheet is not text</source>
        <translation>la fiche jointe au PDF n&apos;est pas du texte</translation>
    </message>
    <message>
        <source>{what} must be a text</source>
        <translation>{what} doit être un texte</translation>
    </message>
    <message>
        <source>{what} is longer than {limit} characters</source>
        <translation>{what} dépasse {limit} caractères</translation>
    </message>
    <message>
        <source>{what} is not a date (YYYY-MM-DD): {value}</source>
        <translation>{what} n&apos;est pas une date (AAAA-MM-JJ) : {value}</translation>
    </message>
    <message>
        <source>{what} is not an ISO 8601 time: {value}</source>
        <translation>{what} n&apos;est pas une heure ISO 8601 : {value}</translation>
    </message>
    <message>
        <source>{what} must be a non-negative whole number, got {value}</source>
        <translation>{what} doit être un nombre entier positif ou nul, reçu {value}</translation>
    </message>
    <message>
        <source>{what} must be a non-negative number, got {value}</source>
        <translation>{what} doit être un nombre positif ou nul, reçu {value}</translation>
    </message>
    <message>
        <source>{what} is out of range ({value} &gt; 10^18)</source>
        <translation>{what} hors limites ({value} &gt; 10^18)</translation>
    </message>
    <message>
        <source>&apos;{key}&apos; is missing or not an object</source>
        <translation>« {key} » manque ou n&apos;est pas un objet</translation>
    </message>
    <message>
        <source>&apos;{key}&apos; has unknown entries: {entries}</source>
        <translation>« {key} » a des entrées inconnues : {entries}</translation>
    </message>
    <message>
        <source>&apos;{key}&apos; must be an object</source>
        <translation>« {key} » doit être un objet</translation>
    </message>
    <message>
        <source>&apos;{key}&apos; must be null or an object</source>
        <translation>« {key} » doit être null ou un objet</translation>
    </message>
    <message>
        <source>&apos;{key}&apos; has an unknown device {device}</source>
        <translation>« {key} » a un équipement inconnu {device}</translation>
    </message>
    <message>
        <source>method: {error}</source>
        <translation>méthode : {error}</translation>
    </message>
    <message>
        <source>not a sheet (expected a JSON object)</source>
        <translation>pas une fiche (un objet JSON était attendu)</translation>
    </message>
    <message>
        <source>sheet schema {schema} is newer than this app reads ({known})</source>
        <translation>schéma de fiche {schema} plus récent que ce que cette application lit ({known})</translation>
    </message>
    <message>
        <source>not a Cleanup Desktop sheet (schema {schema}, expected {known})</source>
        <translation>pas une fiche Cleanup Desktop (schéma {schema}, {known} attendu)</translation>
    </message>
    <message>
        <source>sheet_id must be a UUID, got {value}</source>
        <translation>sheet_id doit être un UUID, reçu {value}</translation>
    </message>
    <message>
        <source>unit.go_bytes must be {expected} (1 Go = 10^9 bytes), got {value}</source>
        <translation>unit.go_bytes doit valoir {expected} (1 Go = 10^9 octets), reçu {value}</translation>
    </message>
    <message>
        <source>by_environment has an unknown environment {env}</source>
        <translation>by_environment a un environnement inconnu {env}</translation>
    </message>
    <message>
        <source>&apos;measurements&apos; must be a list of at most 50 entries</source>
        <translation>« measurements » doit être une liste de 50 entrées au plus</translation>
    </message>
    <message>
        <source>measurements/declared: {error}</source>
        <translation>measurements/declared : {error}</translation>
    </message>
    <message>
        <source>&apos;created&apos; is missing</source>
        <translation>« created » manque</translation>
    </message>
    <message>
        <source>column {column}: not a number: {value}</source>
        <translation>colonne {column} : pas un nombre : {value}</translation>
    </message>
    <message>
        <source>column {column}: not valid JSON</source>
        <translation>colonne {column} : JSON invalide</translation>
    </message>
    <message>
        <source>not a Cleanup Desktop sheet (no &apos;schema&apos; and &apos;sheet_id&apos; columns)</source>
        <translation>pas une fiche Cleanup Desktop (pas de colonnes « schema » et « sheet_id »)</translation>
    </message>
    <message>
        <source>cannot read {path}: {error}</source>
        <translation>impossible de lire {path} : {error}</translation>
    </message>
    <message>
        <source>{path} is not a summary.json written by cleanup-desktop aggregate</source>
        <translation>{path} n&apos;est pas un summary.json écrit par cleanup-desktop aggregate</translation>
    </message>
    <message>
        <source>{path}: totals.{key} is missing or not a number</source>
        <translation>{path} : totals.{key} manque ou n&apos;est pas un nombre</translation>
    </message>
    <message>
        <source>no event number: it cannot be told apart from other events&apos; sheets, so it is not added to event {event}</source>
        <translation>sans numéro d&apos;événement : impossible de la distinguer des fiches d&apos;autres événements, elle n&apos;est donc pas ajoutée à l&apos;événement {event}</translation>
    </message>
    <message>
        <source>sheet of event {event}, not {chosen}</source>
        <translation>fiche de l&apos;événement {event}, pas {chosen}</translation>
    </message>
    <message>
        <source>already done by run {run}</source>
        <translation>déjà fait par le nettoyage {run}</translation>
    </message>
    <message>
        <source>cancelled before this file was touched</source>
        <translation>annulé avant que ce fichier soit touché</translation>
    </message>
</context>
</TS>
