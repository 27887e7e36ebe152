"""The message catalog: every user-facing text of the tool in Danish and English, under a
stable key (a problem code with a suffix, or ``area.what``). Both languages are required and
use the same ``{placeholders}``; tests/test_messages.py checks that, and that every key is
used. House terms (as in the rule sets): fil, mappe, linje, kolonne, regel, regelsæt,
dispensation (waiver), baseline, artefakt, profil (mapping profile), eksport."""

from __future__ import annotations

CATALOG: dict[str, dict[str, str]] = {
    # -- reading files (LOAD) ------------------------------------------------------------
    "LOAD000.missing": {
        "da": "filen eller mappen findes ikke",
        "en": "no such file or folder",
    },
    "LOAD000.not_regular": {
        "da": "ikke en almindelig fil (en FIFO, en enhed, en socket eller en mappe); spguard "
        "læser kun almindelige filer",
        "en": "not a regular file (a FIFO, device, socket or folder); spguard reads only regular "
        "files",
    },
    "LOAD000.unreadable": {
        "da": "kan ikke læse filen: {reason}",
        "en": "cannot read file: {reason}",
    },
    "LOAD001.yaml": {
        "da": "fejl i YAML: {detail}; ret syntaksen",
        "en": "malformed YAML: {detail}; fix the syntax",
    },
    "LOAD001.key_not_text": {
        "da": "nøgler i en mapping skal være almindelig tekst",
        "en": "mapping keys must be plain text",
    },
    "LOAD001.json": {
        "da": "fejl i JSON: {detail}; ret syntaksen",
        "en": "malformed JSON: {detail}; fix the syntax",
    },
    "LOAD001.xml": {
        "da": "fejl i XML: {detail}; ret syntaksen",
        "en": "malformed XML: {detail}; fix the syntax",
    },
    "LOAD001.csv": {
        "da": "fejl i CSV: {detail}",
        "en": "malformed CSV: {detail}",
    },
    "LOAD001.csv_no_header": {
        "da": "CSV-filen har ingen overskriftsrække",
        "en": "CSV file has no header row",
    },
    "LOAD001.csv_width": {
        "da": "rækken har {fields} felter, men overskriften har {header}; "
        "kontrollér skilletegnet (forventet {delimiter}) og anførselstegnene",
        "en": "row has {fields} fields but the header has {header}; "
        "check the separator (expected {delimiter}) and quoting",
    },
    "LOAD002.yaml": {
        "da": "nøglen {key} står flere gange: hver nøgle må kun optræde én gang; "
        "fjern eller saml kopierne",
        "en": "duplicate key {key}: each key may appear once; remove or merge the copies",
    },
    "LOAD002.json": {
        "da": "nøglen {key} står flere gange i et JSON-objekt; hver nøgle må kun optræde én gang",
        "en": "duplicate key {key} in a JSON object; each key may appear once",
    },
    "LOAD002.csv_columns": {
        "da": "kolonne(r) {columns} står flere gange i overskriften",
        "en": "duplicate column(s) {columns} in the header",
    },
    "LOAD003.tag": {
        "da": "tagget {tag} er ikke tilladt: kun almindelige YAML-værdier accepteres "
        "(tags udføres aldrig)",
        "en": "tag {tag} is not allowed: only plain YAML values are accepted "
        "(tags are never executed)",
    },
    "LOAD003.xml_dtd": {
        "da": "XML med DTD eller entiteter afvises ({reason}); eksportér uden DOCTYPE",
        "en": "XML with a DTD or entities is refused ({reason}); export without a DOCTYPE",
    },
    "LOAD004.alias": {
        "da": "YAML-aliaser (*navn) er ikke tilladt i konfigurationsfiler; skriv værdien ud",
        "en": "YAML aliases (*name) are not allowed in configuration files; write the value out",
    },
    "LOAD005.too_big": {
        "da": "filen fylder {size} byte, over grænsen på {limit}; del den op "
        "(eller hæv SPGUARD_MAX_FILE_BYTES / SPGUARD_MAX_YAML_BYTES)",
        "en": "file is {size} bytes, over the limit of {limit}; split it "
        "(or raise SPGUARD_MAX_FILE_BYTES / SPGUARD_MAX_YAML_BYTES)",
    },
    "LOAD006.undecodable": {
        "da": "ikke gyldig {encoding} (byte 0x{byte}); gem filen som UTF-8{hint}",
        "en": "not valid {encoding} (byte 0x{byte}); save the file as UTF-8{hint}",
    },
    "LOAD006.hint_cp1252": {
        "da": " eller angiv --encoding cp1252",
        "en": " or pass --encoding cp1252",
    },
    "LOAD006.unknown_encoding": {
        "da": "ukendt tegnsæt {encoding}",
        "en": "unknown encoding {encoding}",
    },
    "LOAD006.not_charset": {
        "da": "{encoding} er ikke et tegnsæt, som en eksport kan være skrevet i; "
        "angiv fx utf-8 eller cp1252",
        "en": "{encoding} is not a character set an export can be written in; "
        "give e.g. utf-8 or cp1252",
    },
    "LOAD006.xml_encoding": {
        "da": "XML-filen angiver et tegnsæt, der ikke kan læses ({reason}); eksportér som UTF-8",
        "en": "the XML declares an encoding that cannot be read ({reason}); export as UTF-8",
    },
    "LOAD010.broken": {
        "da": "symbolsk link kan ikke følges ({reason}); ret eller fjern det",
        "en": "symbolic link cannot be followed ({reason}); fix or remove it",
    },
    "LOAD010.outside": {
        "da": "symbolsk link peger uden for repositoriet ({root}); følges ikke: kopiér filen ind i repositoriet eller fjern linket",
        "en": "symbolic link leads outside the repository ({root}); not followed: copy the file into the repository or remove the link",
    },
    "LOAD011.not_finite": {
        "da": "et tal, der ikke er endeligt (NaN eller uendelig: .nan, .inf, NaN, Infinity, "
        "1e999), er ingen gyldig værdi; skriv et endeligt tal",
        "en": "a number that is not finite (not-a-number or infinite: .nan, .inf, NaN, "
        "Infinity, 1e999) is not a valid value; write a finite number",
    },
    "LOAD011.digits": {
        "da": "et heltal med flere cifre, end der kan læses (over 4.300); "
        "ingen konfigurationsværdi",
        "en": "an integer with more digits than can be read (over 4,300); "
        "not a configuration value",
    },
    "LOAD011.tagged": {
        "da": "værdien er ikke skrevet som en {tag}; fjern tagget eller ret værdien",
        "en": "the value is not written as a {tag}; remove the tag or fix the value",
    },
    "LOAD011.surrogate": {
        "da": "en tekst med et enligt surrogat-tegn (\\ud800-\\udfff), som ikke er Unicode; "
        "ret eksporten",
        "en": "a text with a lone surrogate (\\ud800-\\udfff), which is not Unicode; "
        "fix the export",
    },
    "LOAD006.bom": {
        "da": "et byte-order mark (BOM) midt i filen; fjern det",
        "en": "a byte-order mark (BOM) inside the file; remove it",
    },
    "LOAD006.nul": {
        "da": "filen indeholder NUL-byte: den er binær, ikke tekst; eksportér den som tekst",
        "en": "the file contains NUL bytes: it is binary, not text; export it as text",
    },
    "LOAD007.documents": {
        "da": "indeholder {count} YAML-dokumenter; en artefaktfil indeholder præcis ét",
        "en": "holds {count} YAML documents; an artifact file holds exactly one",
    },
    "LOAD007.not_mapping": {
        "da": "er ikke en mapping; en artefaktfil begynder med 'kind:' og 'id:'",
        "en": "is not a mapping; an artifact file starts with 'kind:' and 'id:'",
    },
    "LOAD007.no_kind": {
        "da": "har ingen 'kind'; hver artefakt angiver sin art",
        "en": "has no 'kind'; every artifact names its kind",
    },
    "LOAD007.envelope": {
        "da": "{at} skal være af typen {expected}, ikke {actual}; hvert artefakt angiver sit "
        "scope som en mapping af tekster (level, region, hospital, department, user)",
        "en": "{at} must be a {expected}, not a {actual}; every artifact gives its scope as a "
        "mapping of strings (level, region, hospital, department, user)",
    },
    "LOAD008.unknown_kind": {
        "da": "ukendt art {kind}; kendte arter: {known}",
        "en": "unknown kind {kind}; known kinds: {known}",
    },
    "LOAD009.depth": {
        "da": "indlejret mere end {limit} niveauer; ikke en konfigurationsfil",
        "en": "nesting deeper than {limit} levels; not a configuration file",
    },
    "LOAD009.too_deep": {
        "da": "indlejringen er for dyb til en konfigurationsfil",
        "en": "nesting is too deep to be a configuration file",
    },
    "LOAD009.export_too_deep": {
        "da": "indlejringen er for dyb til en eksport",
        "en": "nesting is too deep to be an export",
    },
    # -- records of an export ------------------------------------------------------------
    "record.label": {
        "da": "post {index}",
        "en": "record {index}",
    },
    "record.row_label": {
        "da": "rækken på linje {line}",
        "en": "row at line {line}",
    },
    "record.problem": {
        "da": "{label}: {detail}",
        "en": "{label}: {detail}",
    },
    # -- importers and mapping profiles (IMP, MAP) --------------------------------------
    "IMP001.records_path": {
        "da": "poststien {path} findes ikke (ingen {part}); kontrollér profilens 'records'",
        "en": "records path {path} not found (no {part}); check the profile's 'records'",
    },
    "IMP001.not_mapping": {
        "da": "posten er ikke en mapping, men en {type}; lad profilens 'records' pege på en "
        "liste af objekter",
        "en": "the record is not a mapping but a {type}; point the profile's 'records' at a "
        "list of objects",
    },
    "IMP001.key_column": {
        "da": "nøglekolonnen {key} står ikke i overskriften",
        "en": "key column {key} is not in the header",
    },
    "IMP001.mapped_column": {
        "da": "profilen mapper kolonnen {column}, som filen ikke har",
        "en": "the profile maps column {column}, which the file lacks",
    },
    "IMP002.empty_key": {
        "da": "tom nøglekolonne {key}",
        "en": "empty key column {key}",
    },
    "IMP003.value_map": {
        "da": "værdien {value} i {source} står ikke i profilens værdioversættelse "
        "({known}); tilføj den til profilen",
        "en": "value {value} of {source} is not in the profile's values map "
        "({known}); add it to the profile",
    },
    "IMP004.column_differs": {
        "da": "kolonnen {column} er forskellig i rækkerne til én post ({values}); "
        "saml rækkerne med group_by eller ret eksporten",
        "en": "column {column} differs between rows of one record ({values}); "
        "group the rows with group_by or fix the export",
    },
    "IMP005.unmapped": {
        "da": "værdi(er) uden plads: {values}; map dem i profilen {profile} "
        "(fields, eller meta hvis de skifter)",
        "en": "value(s) with nowhere to go: {values}; map them in profile {profile} "
        "(fields, or meta if volatile)",
    },
    "IMP006.no_group_key": {
        "da": "{label}: rækken har {filled}, men ingen {column}; udfyld postens nøglekolonne",
        "en": "{label}: row has {filled} but no {column}; fill in the item's key column",
    },
    "MAP001.not_mapping": {
        "da": "en profil er én YAML-mapping",
        "en": "a profile is one YAML mapping",
    },
    "MAP001.invalid": {
        "da": "ugyldig profil ved {where}: {detail}",
        "en": "invalid profile at {where}: {detail}",
    },
    "MAP001.target_twice": {
        "da": "{target} ligger inde i {parent}, som også afbildes; afbild enten hele {parent} "
        "eller dens dele",
        "en": "{target} lies inside {parent}, which is mapped too; map either all of {parent} "
        "or its parts",
    },
    "MAP001.unknown_key": {
        "da": "ukendt nøgle {key} (tilladt her: {known})",
        "en": "unknown key {key} (allowed here: {known})",
    },
    "MAP002.several": {
        "da": "matches af flere profiler ({names}); gør deres 'match'-mønstre entydige",
        "en": "matched by several profiles ({names}); make their 'match' globs distinct",
    },
    "MAP003.no_profile": {
        "da": "ingen profil matcher denne eksport; angiv --profile med en, hvis 'match' dækker den",
        "en": "no mapping profile matches this export; pass --profile with one whose "
        "'match' covers it",
    },
    "MAP003.no_kind": {
        "da": "{label} har ingen 'kind', og ingen profil matcher filen; angiv --profile",
        "en": "{label} has no 'kind' and no profile matches this file; pass --profile",
    },
    # -- normalising (NORM) -------------------------------------------------------------
    "NORM001.twice": {
        "da": "{label}: {kind} {id} laves også af {origin}; id'er skal være entydige "
        "pr. art og niveau",
        "en": "{label}: {kind} {id} is also produced by {origin}; ids must be unique per "
        "kind and scope",
    },
    "NORM002.unsafe_name": {
        "da": "{label}: kind, scope eller id giver et usikkert filnavn {part}; "
        "brug bogstaver, cifre, '.', '_' og '-'",
        "en": "{label}: kind, scope or id give an unsafe file name {part}; "
        "use letters, digits, '.', '_' and '-'",
    },
    "NORM002.no_id": {
        "da": "{label}: posten har intet id og dermed intet filnavn; map 'id' i profilen "
        "(en tom post, null, er ingen artefakt)",
        "en": "{label}: the record has no id, so no file name; map 'id' in the profile "
        "(an empty record, null, is no artifact)",
    },
    "NORM002.reserved": {
        "da": "{label}: kind, scope eller id giver filnavnet {part}, som Windows forbeholder "
        "(CON, PRN, AUX, NUL, COM0-9, LPT0-9); omdøb det",
        "en": "{label}: kind, scope or id give the file name {part}, which Windows reserves "
        "(CON, PRN, AUX, NUL, COM0-9, LPT0-9); rename it",
    },
    "NORM002.too_long": {
        "da": "{label}: kind, scope eller id giver et filnavn over {limit} tegn {part}; "
        "brug et kortere id",
        "en": "{label}: kind, scope or id give a file name over {limit} characters {part}; "
        "use a shorter id",
    },
    "NORM003.in_place": {
        "da": "kun kanoniske filer med én artefakt normaliseres på stedet; "
        "angiv --out MAPPE for eksporter",
        "en": "only single-artifact canonical files are normalised in place; "
        "give --out DIR for exports",
    },
    "NORM004.write": {
        "da": "kan ikke skrive: {reason}; den gamle fil er urørt",
        "en": "cannot write: {reason}; the old file is intact",
    },
    "NORM006.link": {
        "da": "{link} i --out er et symbolsk link; spguard læser og skriver aldrig gennem et "
        "link: erstat det med en almindelig mappe eller fil",
        "en": "{link} inside --out is a symbolic link; spguard never reads or writes through "
        "a link: replace it by a real folder or file",
    },
    "NORM007.other_artifact": {
        "da": "filen indeholder {held}, ikke {artifact} (fra {origin}); spguard overskriver "
        "ikke en anden artefakt: flyt eller fjern filen, eller ret id'et",
        "en": "the file holds {held}, not {artifact} (from {origin}); spguard does not "
        "overwrite another artifact: move or remove the file, or fix the id",
    },
    "NORM005.collision": {
        "da": "{label}: nøglerne {key} falder sammen, når mellemrum og Unicode-form "
        "normaliseres; omdøb den ene",
        "en": "{label}: keys {key} collide once whitespace and Unicode form are "
        "normalised; rename one",
    },
    # -- validation (SCH) ---------------------------------------------------------------
    "SCH001.redacted": {
        "da": "overholder ikke skemaets '{validator}' [skjult]",
        "en": "fails the schema's '{validator}' [redacted]",
    },
    "SCH002.duplicate": {
        "da": "{key} {value} står to gange i denne liste; elementerne matches på {key_name}",
        "en": "{key} {value} appears twice in this list; items are matched by {key_name}",
    },
    "SCH003.id_used": {
        "da": "{kind}-id'et {id} bruges også af {other}; id'er er entydige pr. art",
        "en": "{kind} id {id} is also used by {other}; ids are unique per kind",
    },
    "SCH004.misplaced": {
        "da": "ud fra art, niveau og id hører filen til i .../{expected}; "
        "kør spguard normalize for at flytte den",
        "en": "by its kind, scope and id this file belongs at .../{expected}; "
        "run spguard normalize to move it",
    },
    "schema.required": {
        "da": "feltet '{name}' mangler; det er påkrævet",
        "en": "'{name}' is a required property",
    },
    "schema.type": {
        "da": "{value} har forkert type; forventet: {expected}",
        "en": "{value} is not of type {expected}",
    },
    "schema.enum": {
        "da": "{value} er ikke en af de tilladte værdier {allowed}",
        "en": "{value} is not one of {allowed}",
    },
    "schema.const": {
        "da": "{value} skal være {expected}",
        "en": "{value} must be {expected}",
    },
    "schema.additional": {
        "da": "ukendt felt {names}; fjern det eller ret stavningen",
        "en": "unknown property {names}; remove it or fix its spelling",
    },
    "schema.type_hidden": {
        "da": "værdien er ikke af typen {expected}",
        "en": "the value is not of type {expected}",
    },
    "schema.enum_hidden": {
        "da": "værdien er ikke en af de tilladte værdier {allowed}",
        "en": "the value is not one of {allowed}",
    },
    "schema.additional_hidden": {
        "da": "en ukendt egenskab; fjern den eller ret stavningen",
        "en": "an unknown property; remove it or fix its spelling",
    },
    "schema.format_hidden": {
        "da": "værdien er ikke en gyldig {format}",
        "en": "the value is not a valid {format}",
    },
    "schema.pattern_hidden": {
        "da": "værdien passer ikke til mønstret {pattern}",
        "en": "the value does not match the pattern {pattern}",
    },
    "schema.pattern": {
        "da": "{value} passer ikke til mønsteret {pattern}",
        "en": "{value} does not match the pattern {pattern}",
    },
    "schema.unique_items": {
        "da": "listen indeholder den samme værdi flere gange",
        "en": "the list holds the same value more than once",
    },
    "schema.minimum": {
        "da": "{value} er mindre end minimum {limit}",
        "en": "{value} is less than the minimum of {limit}",
    },
    "schema.maximum": {
        "da": "{value} er større end maksimum {limit}",
        "en": "{value} is greater than the maximum of {limit}",
    },
    "schema.exclusive_minimum": {
        "da": "{value} skal være større end {limit}",
        "en": "{value} must be greater than {limit}",
    },
    "schema.exclusive_maximum": {
        "da": "{value} skal være mindre end {limit}",
        "en": "{value} must be less than {limit}",
    },
    "schema.min_items": {
        "da": "listen {value} har for få elementer; mindst {limit}",
        "en": "the list {value} has too few items; at least {limit}",
    },
    "schema.max_items": {
        "da": "listen {value} har for mange elementer; højst {limit}",
        "en": "the list {value} has too many items; at most {limit}",
    },
    "schema.min_length": {
        "da": "{value} er for kort; mindst {limit} tegn",
        "en": "{value} is too short; at least {limit} characters",
    },
    "schema.max_length": {
        "da": "{value} er for lang; højst {limit} tegn",
        "en": "{value} is too long; at most {limit} characters",
    },
    "schema.min_properties": {
        "da": "{value} har for få felter; mindst {limit}",
        "en": "{value} has too few properties; at least {limit}",
    },
    "schema.unevaluated_with_patterns": {
        "da": "unevaluatedProperties kan ikke bruges sammen med patternProperties i et schema-tjek "
        "(deres mønstre ville ikke køre på RE2); brug additionalProperties",
        "en": "unevaluatedProperties cannot be used with patternProperties in a schema check "
        "(their patterns would not run on RE2); use additionalProperties",
    },
    "schema.other": {
        "da": "{detail}",
        "en": "{detail}",
    },
    # -- waivers (WAV) --------------------------------------------------------------------
    "WAV001.expired": {
        "da": "dispensationen {id} for {rule} udløb {expires}; forny den med en ny "
        "godkendelse, eller ret fundet",
        "en": "waiver {id} for {rule} expired on {expires}; renew it with a new approval "
        "or fix the finding",
    },
    "WAV002.expiring": {
        "da": "dispensationen {id} for {rule} udløber {expires} ({days} dag(e) tilbage)",
        "en": "waiver {id} for {rule} expires on {expires} ({days} day(s) left)",
    },
    "WAV003.stale": {
        "da": "dispensationen {id} for {rule} matcher intet fund; fjern den (forældet)",
        "en": "waiver {id} for {rule} matches no finding; remove it (stale)",
    },
    "WAV004.unknown_rule": {
        "da": "dispensationen {id} nævner reglen {rule}, som intet aktivt regelsæt definerer",
        "en": "waiver {id} names rule {rule}, which no active rule set defines",
    },
    "waiverfile.id_twice": {
        "da": "{where}: dispensations-id'et {id} bruges to gange",
        "en": "{where}: waiver id {id} is used twice",
    },
    "waiverfile.expires_first": {
        "da": "{where}: dispensationen {id} udløber, før den er godkendt ({approved}); "
        "ret 'expires' eller 'approved_on'",
        "en": "{where}: waiver {id} expires before it was approved ({approved}); "
        "fix 'expires' or 'approved_on'",
    },
    "waiverfile.bad_path": {
        "da": "{where}: ugyldig JSONPath i dispensationen: {detail}",
        "en": "{where}: bad JSONPath in waiver: {detail}",
    },
    # -- configuration and usage errors ----------------------------------------------------
    "discovery.missing": {
        "da": "ingen sådan fil eller mappe: {paths}",
        "en": "no such file or folder: {paths}",
    },
    "config.unreadable": {
        "da": "{file}: kan ikke læses: {detail}",
        "en": "{file}: cannot read: {detail}",
    },
    "config.invalid": {
        "da": "{where}: ugyldig konfiguration ved {at}: {detail}",
        "en": "{where}: invalid configuration at {at}: {detail}",
    },
    "config.top_level": {
        "da": "øverste niveau",
        "en": "top level",
    },
    "config.unknown_keys": {
        "da": "ukendt(e) konfigurationsnøgle(r): {keys}",
        "en": "unknown configuration key(s): {keys}",
    },
    "config.no_folder": {
        "da": "ingen mappe {path} i repositoriet{hint}",
        "en": "no folder {path} in the repository{hint}",
    },
    "config.outside": {
        "da": "{path} ligger uden for repositoriet (symbolske links fulgt); konfigurationen kan "
        "kun pege på filer i repositoriet (en kommandolinjeflag, fx --waivers, må pege hvorhen "
        "som helst)",
        "en": "{path} lies outside the repository (symbolic links followed); the configuration "
        "may only name files inside the repository (a command-line flag such as --waivers may "
        "name any file)",
    },
    "config.no_file": {
        "da": "ingen fil {path}",
        "en": "no file {path}",
    },
    "config.no_ruleset": {
        "da": "intet medfølgende regelsæt og ingen fil {spec}{hint}",
        "en": "no shipped rule set or file {spec}{hint}",
    },
    "config.no_path": {
        "da": "ingen fil eller mappe {path} i repositoriet",
        "en": "no file or folder {path} in the repository",
    },
    "hint.did_you_mean": {
        "da": " (mente du {name}?)",
        "en": " (did you mean {name}?)",
    },
    "file.invalid": {
        "da": "{where}: ugyldig {what}: {detail}",
        "en": "{where}: invalid {what}: {detail}",
    },
    "file.what.baseline": {
        "da": "baseline",
        "en": "baseline",
    },
    "file.what.waivers": {
        "da": "dispensationsfil",
        "en": "waivers file",
    },
    "ruleset.invalid": {
        "da": "{where}: ugyldigt regelsæt: {detail}",
        "en": "{where}: invalid rule set: {detail}",
    },
    "ruleset.message_field": {
        "da": "feltet {field} i meddelelsen er ikke tilladt: kun almindelige {{navn}}-felter "
        "(uden formatering, konvertering eller indeks); skriv {{{{ og }}}} for klammer",
        "en": "message field {field} is not allowed: only plain {{name}} fields (no format "
        "spec, conversion or index); write {{{{ and }}}} for braces",
    },
    "ruleset.message_braces": {
        "da": "meddelelsen har en klamme uden sin partner ({detail}); skriv {{{{ og }}}} for klammer",
        "en": "the message has an unmatched brace ({detail}); write {{{{ and }}}} for braces",
    },
    "ruleset.not_mapping": {
        "da": "forventet én YAML-mapping",
        "en": "expected one YAML mapping",
    },
    "ruleset.check_options": {
        "da": "{check}-tjek: {detail}",
        "en": "{check} check: {detail}",
    },
    "ruleset.unknown_check": {
        "da": "ukendt tjektype {name}; kendte: {known}",
        "en": "unknown check type {name}; known: {known}",
    },
    "ruleset.plugin_in_repository": {
        "da": "tjektype {name} kommer fra {where} inde i repositoriet, der gennemgås: et "
        "repositoriums konfiguration kører aldrig kode, så tjektyper kommer kun fra spguard "
        "selv og fra plugins installeret uden for repositoriet",
        "en": "check type {name} comes from {where} inside the repository under review: a "
        "repository's configuration never runs code, so check types come only from spguard "
        "itself and from plugins installed outside the repository",
    },
    # -- what a personal-data finding says, never the data (lint/checks/cpr, person_name) --
    "personal.cpr_modulus11_holds": {
        "da": "modulus 11-kontrollen holder",
        "en": "the modulus-11 check holds",
    },
    "personal.cpr_modulus11_fails": {
        "da": "modulus 11-kontrollen holder ikke, men personnumre udstedt siden 2007 behøver ikke "
        "opfylde den",
        "en": "the modulus-11 check fails, but numbers issued since 2007 need not satisfy it",
    },
    "personal.cpr_modulus11_some": {
        "da": "{count} numre; modulus 11-kontrollen holder for {holds}",
        "en": "{count} numbers; the modulus-11 check holds for {holds}",
    },
    "personal.name_by_title": {
        "da": "en klinisk titel efterfulgt af et navn",
        "en": "a clinical title followed by a name",
    },
    "personal.name_by_first_name": {
        "da": "et almindeligt dansk fornavn efterfulgt af et navn",
        "en": "a common Danish first name followed by a name",
    },
    "regex.not_string": {
        "da": "et regulært udtryk skal være tekst, ikke {type}",
        "en": "a regular expression must be a string, not {type}",
    },
    "regex.invalid": {
        "da": "ugyldigt regulært udtryk {pattern}: {detail} (regelsæt bruger RE2-syntaks, der "
        "altid matcher i lineær tid: ingen tilbagereferencer, lookaround eller atomare grupper)",
        "en": "invalid regular expression {pattern}: {detail} (rule sets use RE2 syntax, "
        "which always matches in linear time: no backreferences, lookaround or atomic groups)",
    },
    "regex.not_iregexp": {
        "da": "{pattern} er ikke et I-Regexp (RFC 9485), som match() og search() kræver",
        "en": "{pattern} is not an I-Regexp (RFC 9485), as match() and search() require",
    },
    "ruleset.bad_jsonpath": {
        "da": "ugyldig JSONPath {query}: {detail}",
        "en": "bad JSONPath {query}: {detail}",
    },
    "ruleset.code_twice": {
        "da": "regelkoden {code} bruges allerede i {other}",
        "en": "rule code {code} is already used in {other}",
    },
    "ruleset.unknown_override": {
        "da": "tilsidesættelse af ukendt regelkode {code}",
        "en": "override of unknown rule code {code}",
    },
    "cache.refused": {
        "da": "bemærk: cachen bruges ikke, kørslen er uden cache: {path} er et symbolsk link, "
        "et hårdt link eller ikke en almindelig fil eller mappe, som spguard har lavet; "
        "fjern den, så laves cachen på ny",
        "en": "note: the cache is not used, the run is uncached: {path} is a symbolic link, "
        "a hard link or no plain file or folder spguard made; remove it to have the cache "
        "made anew",
    },
    "git.missing": {
        "da": "git er ikke installeret eller ikke på PATH; installér git, eller sammenlign to "
        "mapper med spguard diff GAMMEL NY",
        "en": "git is not installed or not on PATH; install git, or compare two folders with "
        "spguard diff OLD NEW",
    },
    "git.not_work_tree": {
        "da": "{path} er ikke i et git-arbejdstræ; kør spguard diff --git i et git-repository, "
        "eller sammenlign to mapper med spguard diff GAMMEL NY\n  git: {detail}",
        "en": "{path} is not in a git work tree; run spguard diff --git inside a git "
        "repository, or compare two folders with spguard diff OLD NEW\n  git: {detail}",
    },
    "git.failed": {
        "da": "git {command}: {detail}",
        "en": "git {command}: {detail}",
    },
    "git.failed_at": {
        "da": "git {command} mislykkedes for revisionen {rev}: {detail}",
        "en": "git {command} failed for revision {rev}: {detail}",
    },
    "git.changed_not_work_tree": {
        "da": "lint --changed læser ændringen fra git, men {root} er ikke i et git-arbejdstræ; "
        "kør uden --changed for at kontrollere filerne",
        "en": "lint --changed reads the change from git, but {root} is not in a git work tree; "
        "run without --changed to check the files",
    },
    "git.failed_plain": {
        "da": "mislykkedes",
        "en": "failed",
    },
    "git.batch_mismatch": {
        "da": "git cat-file --batch for revisionen {rev} svarede {got} på objektet {oid}; "
        "indholdet kan ikke knyttes sikkert til filerne (kør git fsck)",
        "en": "git cat-file --batch for revision {rev} answered {got} for object {oid}; the "
        "content cannot be matched safely to the files (run git fsck)",
    },
    "git.batch_short": {
        "da": "for lidt",
        "en": "too little",
    },
    "git.not_revision": {
        "da": "ikke en revision: {rev} (den begynder med '-'); angiv REV, A..B eller A...B",
        "en": "not a revision: {rev} (it starts with '-'); give REV, A..B or A...B",
    },
    "git.bad_range": {
        "da": "forkert revisionsinterval {spec}: angiv REV, A..B eller A...B",
        "en": "malformed revision range {spec}: give REV, A..B or A...B",
    },
    "git.unknown_revision": {
        "da": "ukendt revision {rev}: ingen commit med det navn i {top}; tjek stavningen "
        "(git branch -a, git log --oneline)",
        "en": "unknown revision {rev}: no commit of that name in {top}; check the spelling "
        "(git branch -a, git log --oneline)",
    },
    "git.unknown_revision_shallow": {
        "da": "ukendt revision {rev}: ingen commit med det navn i {top}, som er en overfladisk "
        "klon; hent den eller mere historik (git fetch --unshallow, eller fetch-depth: 0 i "
        "actions/checkout)",
        "en": "unknown revision {rev}: no commit of that name in {top}, a shallow clone; fetch "
        "it or more history (git fetch --unshallow, or fetch-depth: 0 in actions/checkout)",
    },
    "git.no_path": {
        "da": "{path}: ingen sådan fil eller mappe i arbejdstræet eller i {spec}",
        "en": "{path}: no such file or folder in the work tree, nor at {spec}",
    },
    "git.no_merge_base": {
        "da": "{spec}: {old} og {new} har ingen fælles historik (ingen merge-base); sammenlign "
        "dem direkte med --git {direct}",
        "en": "{spec}: {old} and {new} share no history (no merge base); compare them directly "
        "with --git {direct}",
    },
    "git.no_merge_base_shallow": {
        "da": "{spec}: merge-basen for {old} og {new} mangler i denne overfladiske klon; hent "
        "mere historik (git fetch --unshallow, eller fetch-depth: 0 i actions/checkout)",
        "en": "{spec}: the merge base of {old} and {new} is missing from this shallow clone; "
        "fetch more history (git fetch --unshallow, or fetch-depth: 0 in actions/checkout)",
    },
    "git.history_shallow": {
        "da": "{file}: standardens revision {revision} er ikke i git-historikken i denne "
        "overfladiske klon; hent mere historik (git fetch --unshallow, eller fetch-depth: 0 i "
        "actions/checkout), så forældede varianter kan skelnes fra overtrædelser",
        "en": "{file}: the standard's revision {revision} is not in the git history of this "
        "shallow clone; fetch more history (git fetch --unshallow, or fetch-depth: 0 in "
        "actions/checkout) so that stale variants can be told from violations",
    },
    "install.missing": {
        "da": "mappen {name}/ mangler i installationen; installér spguard igen",
        "en": "the {name}/ folder is missing from the installation; reinstall spguard",
    },
    "init.not_folder": {
        "da": "{target} findes og er ikke en mappe",
        "en": "{target} exists and is not a folder",
    },
    "init.blocked": {
        "da": "{target}: kan ikke skrive {files}: en mappe eller fil står i vejen",
        "en": "{target}: cannot write {files}: a folder or file is in the way",
    },
    "init.exists": {
        "da": "{target}: overskriver ikke {files}; brug --force for at erstatte dem, "
        "eller flyt dem væk",
        "en": "{target}: not overwriting {files}; use --force to replace them, or move them away",
    },
    "init.wrote": {
        "da": "skrev {path}",
        "en": "wrote {path}",
    },
    "cli.error": {
        "da": "spguard: fejl: {detail}",
        "en": "spguard: error: {detail}",
    },
    "cli.internal": {
        "da": "spguard: intern fejl: {detail}",
        "en": "spguard: internal error: {detail}",
    },
    "cli.aborted": {
        "da": "spguard: afbrudt",
        "en": "spguard: aborted",
    },
    "note.config": {
        "da": "repositoriets rod {root}; konfiguration {file}; sprog {lang}",
        "en": "repository root {root}; configuration {file}; language {lang}",
    },
    "note.no_config": {
        "da": "(ingen: standardværdier)",
        "en": "(none: defaults)",
    },
    "note.rules": {
        "da": "regler: {count} fra {sets}",
        "en": "{count} rule(s) from {sets}",
    },
    "note.no_ruleset": {
        "da": "intet regelsæt",
        "en": "no rule set",
    },
    "cli.normalize_overlap": {
        "da": "--out {out} og eksporterne {exports} ligger i hinanden; næste kørsel ville "
        "læse sit eget output: vælg en --out-mappe uden for eksporterne",
        "en": "--out {out} and the exports {exports} lie inside one another; the next run "
        "would read its own output: give an --out folder outside the exports",
    },
    "cli.more_outputs": {
        "da": "flere --output end --format",
        "en": "more --output than --format options",
    },
    "cli.statistics_without_text": {
        "da": "--statistics hører til et tekstformat ({formats}), men intet af dem er valgt",
        "en": "--statistics belongs to a text format ({formats}), but none of them is chosen",
    },
    "cli.formats_to_stdout": {
        "da": "flere formater ({formats}) til standard output ville blandes sammen: giv hvert "
        "format sin egen --output FIL (eller --format FORMAT:FIL)",
        "en": "several formats ({formats}) to standard output would be mixed together: give "
        "each format its own --output FILE (or --format FORMAT:FILE)",
    },
    "cli.unknown_format": {
        "da": "ukendt format {name}; vælg et af: {known}",
        "en": "unknown format {name}; choose one of: {known}",
    },
    "cli.no_waivers": {
        "da": "ingen dispensationsfil: ingen angivet og ingen waivers.yaml i {root}",
        "en": "no waivers file: none given and no waivers.yaml in {root}",
    },
    "codes.unknown": {
        "da": "ingen regel {code} i regelsættene for denne kørsel{hint}; se spguard rules list",
        "en": "no rule {code} in the rule sets of this run{hint}; see spguard rules list",
    },
    "codes.builtin": {
        "da": "{code} er ingen regel, men et af spguards egne problemer (LOAD, SCH, WAV, ...); "
        "de rapporteres altid og kan ikke vælges eller springes over",
        "en": "{code} is no rule but one of spguard's own problems (LOAD, SCH, WAV, ...); they "
        "are always reported and cannot be selected or ignored",
    },
    "cli.git_one_path": {
        "da": "angiv højst én STI sammen med --git",
        "en": "with --git give at most one PATH",
    },
    "cli.diff_sides": {
        "da": "angiv GAMMEL og NY, eller --git REV, A..B eller A...B",
        "en": "give OLD and NEW, or --git REV, A..B or A...B",
    },
    # -- rules list / explain -------------------------------------------------------------
    "rules.off": {"da": "slået fra", "en": "off"},
    "rules.col.name": {"da": "navn", "en": "name"},
    "rules.col.version": {"da": "version", "en": "version"},
    "rules.col.owner": {"da": "ejer", "en": "owner"},
    "rules.col.title": {"da": "titel", "en": "title"},
    "rules.severity": {"da": "alvor:     {severity}", "en": "severity:  {severity}"},
    "rules.switched_off": {"da": " (slået fra)", "en": " (switched off)"},
    "rules.ruleset": {
        "da": "regelsæt:  {ruleset} {version} ({file})",
        "en": "rule set:  {ruleset} {version} ({file})",
    },
    "rules.owner": {"da": "ejer:      {owner}", "en": "owner:     {owner}"},
    "rules.docs": {"da": "dok.:      {docs}", "en": "docs:      {docs}"},
    "rules.applies": {
        "da": "gælder:    arter {kinds}; niveauer {levels}",
        "en": "applies:   kinds {kinds}; levels {levels}",
    },
    "rules.all": {"da": "alle", "en": "all"},
    "rules.where": {"da": "hvor:      {where}", "en": "where:     {where}"},
    "rules.rationale": {"da": "Begrundelse:", "en": "Rationale:"},
    "rules.check": {"da": "Tjek ({check}):", "en": "Check ({check}):"},
    "rules.about": {"da": "Om tjekket {check}:", "en": "About the {check} check:"},
    "rules.examples": {"da": "Eksempler ({file}):", "en": "Examples ({file}):"},
    # -- drift tables ------------------------------------------------------------------------
    "drift.col.region": {"da": "region", "en": "region"},
    "drift.col.hospital": {"da": "hospital", "en": "hospital"},
    "drift.col.department": {"da": "afsnit", "en": "department"},
    "drift.col.variants": {"da": "varianter", "en": "variants"},
    "drift.col.index": {"da": "indeks", "en": "index"},
    "drift.col.file": {"da": "fil", "en": "file"},
    "drift.col.class": {"da": "klasse", "en": "class"},
    "drift.col.standard": {"da": "standard", "en": "standard"},
    "drift.col.variant": {"da": "variant", "en": "variant"},
    # -- drift classes and index (the legend of the HTML report, the drift module's docstring)
    "drift.class.violation": {
        "da": "et låst felt ændret, eller noget tilføjet til en låst liste",
        "en": "a locked field changed, or something added to a locked list",
    },
    "drift.class.out-of-bounds": {
        "da": "et tilpasseligt felt uden for sine grænser",
        "en": "an adaptable field outside its bounds",
    },
    "drift.class.removed-standard-item": {
        "da": "et element fra standarden mangler",
        "en": "an item of the standard missing",
    },
    "drift.class.stale": {
        "da": "standarden er ændret siden kopien: selve varianten, og hver forskel der er "
        "standardens ændring, ikke afsnittets",
        "en": "the standard moved on since the copy: the variant itself, and each difference "
        "that is the standard's change, not the department's",
    },
    "drift.class.adaptation": {
        "da": "et tilpasseligt felt inden for grænserne",
        "en": "an adaptable field within bounds",
    },
    "drift.class.local-addition": {
        "da": "et element tilføjet hvor tilføjelser er tilladt",
        "en": "an item added where additions are allowed",
    },
    "drift.class.waived": {
        "da": "dækket af en gyldig dispensation for DRF001/DRF002/DRF003",
        "en": "covered by a valid waiver for DRF001/DRF002/DRF003",
    },
    "drift.index_formula": {
        "da": "Driftindeks for en gruppe varianter = 100 x (summen af klassernes vægte) / styrede "
        "felter, hvor styrede felter er de låste og tilpasselige bladfelter i de standarder "
        "varianterne stammer fra: vægtede afvigelser pr. 100 styrede felter. 0 er identisk; 5 er "
        "én overtrædelse pr. 100 styrede felter; en overtrædelse på hvert styret felt ville "
        "være 500.",
        "en": "Drift index of a group of variants = 100 x (sum of class weights) / governed "
        "fields, where governed fields are the locked and adaptable leaf fields of the standards "
        "the variants derive from: weighted deviations per 100 governed fields. 0 is identical; 5 "
        "is one violation per 100 governed fields; a violation on every governed field would be "
        "500.",
    },
    "drift.local_note": {
        "da": "Ændringer i local-felter er frie og rapporteres ikke.",
        "en": "Changes to local fields are free and not reported.",
    },
    # -- the HTML drift report: its page, labels and number format (report/drift_html.py)
    "drift.html.title": {
        "da": "Driftrapport · spguard",
        "en": "Drift report · spguard",
    },
    "drift.html.skip": {
        "da": "Gå til varmekortet",
        "en": "Skip to the heatmap",
    },
    "drift.html.heading": {
        "da": "Driftrapport",
        "en": "Drift report",
    },
    "drift.html.lede": {
        "da": "Sundhedsplatformens opsætning: hver lokal variant over for den standard, den stammer fra",
        "en": "Sundhedsplatformen configuration: every local variant against the standard it derives from",
    },
    "drift.html.noscript": {
        "da": "Rapporten bygger sine tabeller med JavaScript; slå det til, eller brug JSON-rapporten (spguard drift --format json).",
        "en": "This report builds its tables with JavaScript; please enable it, or use the JSON report (spguard drift --format json).",
    },
    "drift.html.summary": {
        "da": "Overblik",
        "en": "Summary",
    },
    "drift.html.per_class": {
        "da": "Afvigelser pr. klasse",
        "en": "Deviations per class",
    },
    "drift.html.heatmap": {
        "da": "Driftindeks pr. hospital og art",
        "en": "Drift index by hospital and kind",
    },
    "drift.html.heatmap_hint": {
        "da": "Hver celle: driftindekset for ét hospitals varianter af én art, med antal varianter (var) og afvigelser (afv). Vælg en celle, et hospital eller en total for at se detaljer.",
        "en": "Each cell: the drift index of one hospital's variants of one kind, with the number of variants (var) and deviations (dev). Select a cell, a hospital or a total for details.",
    },
    "drift.html.drill": {
        "da": "Detaljer",
        "en": "Drill-down",
    },
    "drift.html.close": {
        "da": "Luk",
        "en": "Close",
    },
    "drift.html.drill_empty": {
        "da": "Intet valgt endnu: vælg en celle i varmekortet.",
        "en": "Nothing selected yet: select a cell in the heatmap.",
    },
    "drift.html.deviations": {
        "da": "Afvigelser",
        "en": "Deviations",
    },
    "drift.html.filter": {
        "da": "Filtrér afvigelserne",
        "en": "Filter the deviations",
    },
    "drift.html.region": {
        "da": "Region",
        "en": "Region",
    },
    "drift.html.all_regions": {
        "da": "Alle regioner",
        "en": "All regions",
    },
    "drift.html.classes": {
        "da": "Klasser",
        "en": "Classes",
    },
    "drift.html.search": {
        "da": "Søg i navn, kode, fil, ændring eller sti",
        "en": "Search name, code, file, change or path",
    },
    "drift.html.search_example": {
        "da": "fx Medication, 304110061, dose",
        "en": "e.g. Medication, 304110061, dose",
    },
    "drift.html.reset": {
        "da": "Nulstil filtre",
        "en": "Reset filters",
    },
    "drift.html.per_region": {
        "da": "Opsummering pr. region",
        "en": "Roll-up per region",
    },
    "drift.html.per_department": {
        "da": "Opsummering pr. afsnit",
        "en": "Roll-up per department",
    },
    "drift.html.footer": {
        "da": "spguard drift · selvstændig rapport uden netværksadgang",
        "en": "spguard drift · self-contained report, no network access",
    },
    "drift.html.footer_version": {
        "da": "spguard drift · dataformat version {version} · selvstændig rapport uden netværksadgang",
        "en": "spguard drift · data format version {version} · self-contained report, no network access",
    },
    "drift.html.stat_variants": {
        "da": "varianter",
        "en": "variants",
    },
    "drift.html.stat_deviations": {
        "da": "afvigelser",
        "en": "deviations",
    },
    "drift.html.stat_regions": {
        "da": "regioner",
        "en": "regions",
    },
    "drift.html.stat_hospitals": {
        "da": "hospitaler",
        "en": "hospitals",
    },
    "drift.html.stat_kinds": {
        "da": "arter",
        "en": "kinds",
    },
    "drift.html.stat_stale": {
        "da": "forældede varianter",
        "en": "stale variants",
    },
    "drift.html.stat_index": {
        "da": "driftindeks, alle hospitaler",
        "en": "drift index, all hospitals",
    },
    "drift.html.variant_one": {
        "da": "{n} variant",
        "en": "{n} variant",
    },
    "drift.html.variant_many": {
        "da": "{n} varianter",
        "en": "{n} variants",
    },
    "drift.html.deviation_one": {
        "da": "{n} afvigelse",
        "en": "{n} deviation",
    },
    "drift.html.deviation_many": {
        "da": "{n} afvigelser",
        "en": "{n} deviations",
    },
    "drift.html.file_one": {
        "da": "{n} fil",
        "en": "{n} file",
    },
    "drift.html.file_many": {
        "da": "{n} filer",
        "en": "{n} files",
    },
    "drift.html.artifact_one": {
        "da": "{n} artefakt",
        "en": "{n} artifact",
    },
    "drift.html.artifact_many": {
        "da": "{n} artefakter",
        "en": "{n} artifacts",
    },
    "drift.html.governed_one": {
        "da": "{n} styret felt",
        "en": "{n} governed field",
    },
    "drift.html.governed_many": {
        "da": "{n} styrede felter",
        "en": "{n} governed fields",
    },
    "drift.html.problems": {
        "da": "{files} udeladt (kunne ikke læses eller er ugyldige); deres varianter er ikke målt:",
        "en": "{files} left out (could not be read or invalid); their variants are not measured:",
    },
    "drift.html.weight": {
        "da": "vægt {n}",
        "en": "weight {n}",
    },
    "drift.html.index_heading": {
        "da": "Driftindeks.",
        "en": "Drift index.",
    },
    "drift.html.regionwide": {
        "da": "Varianter for en hel region uden hospital ({n}) tæller med i opsummeringen pr. region og står i listen over afvigelser, men ikke i varmekortet.",
        "en": "Variants scoped to a whole region without a hospital ({n}) count in the region roll-up and appear in the deviation list, but not in the heatmap.",
    },
    "drift.html.cell_label": {
        "da": "{label}: driftindeks {index}, {variants}, {deviations}",
        "en": "{label}: drift index {index}, {variants}, {deviations}",
    },
    "drift.html.var": {
        "da": "var",
        "en": "var",
    },
    "drift.html.dev": {
        "da": "afv",
        "en": "dev",
    },
    "drift.html.heatmap_caption": {
        "da": "Driftindeks pr. hospital (rækker) og art (kolonner); tomme celler har ingen varianter.",
        "en": "Drift index per hospital (rows) and kind (columns); empty cells have no variants.",
    },
    "drift.html.corner": {
        "da": "Hospital (region)",
        "en": "Hospital (region)",
    },
    "drift.html.all_kinds": {
        "da": "Alle arter",
        "en": "All kinds",
    },
    "drift.html.every_kind": {
        "da": "alle arter",
        "en": "all kinds",
    },
    "drift.html.all_hospitals": {
        "da": "Alle hospitaler",
        "en": "All hospitals",
    },
    "drift.html.every_hospital": {
        "da": "alle hospitaler",
        "en": "all hospitals",
    },
    "drift.html.no_hospital_variants": {
        "da": "Ingen varianter på hospitalsniveau.",
        "en": "No hospital-level variants.",
    },
    "drift.html.region_of": {
        "da": "region {region}",
        "en": "region {region}",
    },
    "drift.html.no_variants": {
        "da": "ingen varianter",
        "en": "no variants",
    },
    "drift.html.grand_label": {
        "da": "Alle hospitaler, alle arter: driftindeks {index}",
        "en": "All hospitals, all kinds: drift index {index}",
    },
    "drift.html.scale": {
        "da": "Driftindeks (kvadratrodsskala)",
        "en": "Drift index (square-root scale)",
    },
    "drift.html.scale_range": {
        "da": "fra lysegul ved {low} til mørkerød ved {high}.",
        "en": "from pale yellow at {low} to dark red at {high}.",
    },
    "drift.html.not_in_standard": {
        "da": "(ikke i standarden)",
        "en": "(not in the standard)",
    },
    "drift.html.none": {
        "da": "(ingen)",
        "en": "(none)",
    },
    "drift.html.becomes": {
        "da": "bliver til",
        "en": "becomes",
    },
    "drift.html.removed": {
        "da": "(fjernet)",
        "en": "(removed)",
    },
    "drift.html.department_of": {
        "da": "afsnit {department}",
        "en": "department {department}",
    },
    "drift.html.level_of": {
        "da": "niveau {level}",
        "en": "{level} level",
    },
    "drift.html.stale_copy": {
        "da": "forældet kopi",
        "en": "stale copy",
    },
    "drift.html.standard_of": {
        "da": "standard {id}",
        "en": "standard {id}",
    },
    "drift.html.deviations_of": {
        "da": "Afvigelser i {artifact}",
        "en": "Deviations of {artifact}",
    },
    "drift.html.col_class": {
        "da": "Klasse",
        "en": "Class",
    },
    "drift.html.col_change": {
        "da": "Afvigelse",
        "en": "Deviation",
    },
    "drift.html.col_waiver": {
        "da": "Dispensation",
        "en": "Waiver",
    },
    "drift.html.col_where": {
        "da": "Region / hospital / afsnit",
        "en": "Region / hospital / department",
    },
    "drift.html.col_artifact": {
        "da": "Artefakt",
        "en": "Artifact",
    },
    "drift.html.col_variants": {
        "da": "Varianter",
        "en": "Variants",
    },
    "drift.html.col_governed": {
        "da": "Styrede felter",
        "en": "Governed fields",
    },
    "drift.html.col_index": {
        "da": "Driftindeks",
        "en": "Drift index",
    },
    "drift.html.col_hospital": {
        "da": "Hospital",
        "en": "Hospital",
    },
    "drift.html.col_department": {
        "da": "Afsnit",
        "en": "Department",
    },
    "drift.html.details": {
        "da": "JSONPath og værdier",
        "en": "JSONPath and values",
    },
    "drift.html.standard_to_variant": {
        "da": "Standard → variant",
        "en": "Standard → variant",
    },
    "drift.html.drill_title": {
        "da": "Detaljer: {title}",
        "en": "Drill-down: {title}",
    },
    "drift.html.drill_index": {
        "da": "driftindeks {index}",
        "en": "drift index {index}",
    },
    "drift.html.no_deviations_here": {
        "da": "Ingen afvigelser her.",
        "en": "No deviations here.",
    },
    "drift.html.clean": {
        "da": "{artifacts} uden afvigelser",
        "en": "{artifacts} without deviations",
    },
    "drift.html.no_match": {
        "da": "Ingen afvigelse passer til filtrene.",
        "en": "No deviation matches the filters.",
    },
    "drift.html.list_caption": {
        "da": "Alle klassificerede afvigelser, den alvorligste klasse først",
        "en": "Every classified deviation, most serious class first",
    },
    "drift.html.showing": {
        "da": "Viser {shown} af {total}.",
        "en": "Showing {shown} of {total}.",
    },
    "drift.html.decimal_mark": {
        "da": ",",
        "en": ".",
    },
    "drift.html.thousands_mark": {
        "da": ".",
        "en": ",",
    },
    "drift.html.name_violation": {
        "da": "overtrædelse",
        "en": "violation",
    },
    "drift.html.name_out_of_bounds": {
        "da": "uden for grænser",
        "en": "out-of-bounds",
    },
    "drift.html.name_removed_standard_item": {
        "da": "fjernet standardelement",
        "en": "removed-standard-item",
    },
    "drift.html.name_stale": {
        "da": "forældet",
        "en": "stale",
    },
    "drift.html.name_adaptation": {
        "da": "tilpasning",
        "en": "adaptation",
    },
    "drift.html.name_local_addition": {
        "da": "lokal tilføjelse",
        "en": "local-addition",
    },
    "drift.html.name_waived": {
        "da": "dispenseret",
        "en": "waived",
    },
    "drift.html.short_violation": {
        "da": "overtr.",
        "en": "viol",
    },
    "drift.html.short_out_of_bounds": {
        "da": "grænse",
        "en": "oob",
    },
    "drift.html.short_removed_standard_item": {
        "da": "fjernet",
        "en": "removed",
    },
    "drift.html.short_stale": {
        "da": "foræld.",
        "en": "stale",
    },
    "drift.html.short_adaptation": {
        "da": "tilpas.",
        "en": "adapt",
    },
    "drift.html.short_local_addition": {
        "da": "tilf.",
        "en": "added",
    },
    "drift.html.short_waived": {
        "da": "disp.",
        "en": "waived",
    },
    # -- diff ----------------------------------------------------------------------------------
    "diff.none": {"da": "(ingen)", "en": "(none)"},
    "diff.item": {"da": "element", "en": "item"},
    "uni.region.hovedstaden": {"da": "Region Hovedstaden", "en": "Region Hovedstaden"},
    "uni.region.sjaelland": {"da": "Region Sjælland", "en": "Region Sjælland"},
    "uni.group": {
        "da": "i {group} har {count} af {copies} kopier {value}",
        "en": "in {group} {count} of {copies} copies have {value}",
    },
    "drift.html.divergences": {
        "da": "Kopier delt efter region eller hospital",
        "en": "Copies split by region or hospital",
    },
    "drift.html.divergences_hint": {
        "da": "Felter, hvor alle (eller næsten alle) kopier i én region eller på ét hospital har én "
        "værdi og en anden gruppe en anden. Hver ændring kan være tilladt; delingen er DSØ's "
        "beslutning (regel UNI001 og UNI002).",
        "en": "Fields where all (or nearly all) copies in one region or hospital have one value "
        "and another group another. Each change may be allowed; the split is DSØ's to decide "
        "(rules UNI001 and UNI002).",
    },
    "drift.html.no_divergences": {
        "da": "Ingen kopier er delt efter region eller hospital.",
        "en": "No copies are split by region or hospital.",
    },
    "drift.divergence.heading": {
        "da": "Kopier delt efter region eller hospital (felter: {count}):",
        "en": "Copies split by region or hospital (fields: {count}):",
    },
    "drift.divergence.region": {
        "da": "delt efter region i {where}: {groups}; standarden har {standard_value}",
        "en": "split by region in {where}: {groups}; the standard has {standard_value}",
    },
    "drift.divergence.hospital": {
        "da": "delt efter hospital i {where}: {groups}; standarden har {standard_value}",
        "en": "split by hospital in {where}: {groups}; the standard has {standard_value}",
    },
    "uni.join": {"da": "{first}; {rest}", "en": "{first}; {rest}"},
    "uni.present": {"da": "beholdt det", "en": "kept it"},
    "uni.has_item": {"da": "elementet", "en": "the item"},
    "uni.missing": {"da": "fjernet det", "en": "removed it"},
    "locked.removed": {
        "da": "{where} mangler (standarden har den)",
        "en": "{where} is missing (the standard has it)",
    },
    "locked.added": {
        "da": "{where} er {here} her; standarden har ingen",
        "en": "{where} is {here} here; the standard has none",
    },
    "locked.changed": {
        "da": "{where}: {here} her, {there} i standarden",
        "en": "{where}: {here} here, {there} in the standard",
    },
    "locked.standard_missing": {
        "da": "standarden {standard} findes ikke i repositoriet",
        "en": "the standard {standard} is not in the repository",
    },
    "reference.missing": {
        "da": "der findes ingen {expected} {target} i repositoriet",
        "en": "there is no {expected} {target} in the repository",
    },
    "reference.missing_any": {
        "da": "der findes intet artefakt {target} i repositoriet",
        "en": "there is no artifact {target} in the repository",
    },
    "reference.missing_by": {
        "da": "ingen {expected} har {by} {target}",
        "en": "no {expected} has {by} {target}",
    },
    "reference.wrong_kind": {
        "da": "{target} er ikke af typen {expected}",
        "en": "{target} is not of kind {expected}",
    },
    "reference.inactive": {
        "da": "{target} har status {status}",
        "en": "{target} has status {status}",
    },
    "reference.forbidden_level": {
        "da": "{target} er bygget på niveauet {level}",
        "en": "{target} is {level}-level build",
    },
    "reference.out_of_bounds": {
        "da": "{where} {value} ligger uden for {min}-{max} i {target}",
        "en": "{where} {value} is outside {min}-{max} of {target}",
    },
    "reference.differs": {
        "da": "{where} er {value}, men {target} har {expected}",
        "en": "{where} is {value}, but {target} has {expected}",
    },
    "diff.artifact": {"da": "artefakt", "en": "artifact"},
    "diff.added": {
        "da": "{where} tilføjet: {new}",
        "en": "{where} added: {new}",
    },
    "diff.removed": {
        "da": "{where} fjernet (var {old})",
        "en": "{where} removed (was {old})",
    },
    "diff.reordered": {
        "da": "{where} ny rækkefølge: {old} -> {new}",
        "en": "{where} reordered: {old} -> {new}",
    },
    "diff.changed": {
        "da": "{where}: {old} -> {new}",
        "en": "{where}: {old} -> {new}",
    },
    "diff.deviation_new": {
        "da": "ny afvigelse: {cls} ved {path}",
        "en": "new deviation: {cls} at {path}",
    },
    "diff.deviation_removed": {
        "da": "afvigelse fjernet: {cls} ved {path}",
        "en": "deviation removed: {cls} at {path}",
    },
    "diff.deviation_changed": {
        "da": "afvigelse ændret: {old} -> {new} ved {path}",
        "en": "deviation changed: {old} -> {new} at {path}",
    },
    # -- SARIF descriptions of the built-in codes ----------------------------------------------
    "sarif.built_in.LOAD": {
        "da": "Filen kunne ikke læses som én sikker, velformet artefakt.",
        "en": "The file could not be read as one safe, well-formed artifact.",
    },
    "sarif.built_in.SCH": {
        "da": "Artefakten passer ikke til skemaet for dens art.",
        "en": "The artifact does not match the schema of its kind.",
    },
    "sarif.built_in.IMP": {
        "da": "Eksporten passer ikke til sin profil.",
        "en": "The export does not fit its mapping profile.",
    },
    "sarif.built_in.MAP": {
        "da": "En profil er ugyldig, eller der er ikke præcis én profil, som matcher eksporten.",
        "en": "A mapping profile is invalid, or not exactly one profile matches the export.",
    },
    "sarif.built_in.NORM": {
        "da": "Det kanoniske træ kunne ikke skrives som ønsket.",
        "en": "The canonical tree could not be written as asked.",
    },
    "sarif.built_in.WAV": {
        "da": "En dispensation er udløbet, udløber snart eller matcher ikke længere noget.",
        "en": "A waiver has expired, expires soon, or no longer matches anything.",
    },
    "sarif.built_in.other": {
        "da": "Et problem fundet af spguard.",
        "en": "A problem found by spguard.",
    },
    # -- summaries ---------------------------------------------------------------------------
    "inert.more": {
        "da": "... ({count} tegn mere)",
        "en": "... ({count} more characters)",
    },
    "summary.checked": {
        "da": "{command}: {files} fil(er) kontrolleret, {errors} fejl, {warnings} advarsel(er), "
        "{infos} info",
        "en": "{command}: {files} file(s) checked, {errors} error(s), {warnings} warning(s), "
        "{infos} info",
    },
    "summary.normalize": {
        "da": "normalize: {changed} fil(er) {done}, {unchanged} uændret, {problems} problem(er)",
        "en": "normalize: {changed} file(s) {done}, {unchanged} unchanged, {problems} problem(s)",
    },
    "summary.normalize_dry": {
        "da": "skal omformateres",
        "en": "to reformat",
    },
    "summary.normalize_written": {
        "da": "skrevet",
        "en": "written",
    },
    "summary.would_reformat": {
        "da": "ville omformatere {name}",
        "en": "would reformat {name}",
    },
    "normalize.not_canonical": {
        "da": "filen er ikke på kanonisk form; kør spguard normalize uden --check for at rette den",
        "en": "file is not in canonical form; run spguard normalize without --check to fix it",
    },
    "summary.wrote": {
        "da": "skrev {name}",
        "en": "wrote {name}",
    },
    "summary.diff_differ": {
        "da": "diff: {count} artefakt(er) er forskellige",
        "en": "diff: {count} artifact(s) differ",
    },
    "summary.diff_none": {
        "da": "diff: ingen forskelle",
        "en": "diff: no differences",
    },
    "summary.diff_unread": {
        "da": "diff: {count} fil(er) kunne ikke læses eller er ugyldige og blev ikke sammenlignet",
        "en": "diff: {count} file(s) could not be read or are invalid and were not compared",
    },
    "summary.diff_md_differ": {
        "da": "{count} artefakt(er) er forskellige.",
        "en": "{count} artifact(s) differ.",
    },
    "summary.diff_md_none": {
        "da": "Ingen forskelle.",
        "en": "No differences.",
    },
    "summary.drift": {
        "da": "drift: {variants} variant(er), {deviations} afvigelse(r)",
        "en": "drift: {variants} variant(s), {deviations} deviation(s)",
    },
    "summary.drift_md": {
        "da": "{variants} variant(er), {deviations} afvigelse(r).",
        "en": "{variants} variant(s), {deviations} deviation(s).",
    },
    "summary.baseline": {
        "da": "baseline: skrev {count} poster til {file}",
        "en": "baseline: wrote {count} entries to {file}",
    },
    "summary.baseline_one": {
        "da": "baseline: skrev {count} post til {file}",
        "en": "baseline: wrote {count} entry to {file}",
    },
    "summary.baseline_left_out": {
        "da": "baseline: {count} fil(er) udeladt, fordi de ikke kunne læses eller er ugyldige; "
        "ret dem og kør igen",
        "en": "baseline: {count} file(s) left out because they could not be read or are "
        "invalid; fix them and run again",
    },
    "summary.baseline_stale": {
        "da": "forældet (fjernet): {entry}",
        "en": "stale (removed): {entry}",
    },
    "summary.baseline_new": {
        "da": "ny (tilføjet): {entry}",
        "en": "new (added): {entry}",
    },
    "report.waived": {
        "da": "dispenseret {id}",
        "en": "waived {id}",
    },
    "report.md_waived": {
        "da": "dispenseret ({id})",
        "en": "waived ({id})",
    },
    "report.baselined": {
        "da": "baseline",
        "en": "baseline",
    },
    "report.md_checked": {
        "da": "## spguard {command}: {files} fil(er) kontrolleret",
        "en": "## spguard {command}: {files} file(s) checked",
    },
    "report.md_no_findings": {
        "da": "Ingen fund.",
        "en": "No findings.",
    },
    "report.md_more": {
        "da": "... og {count} mere (se den fulde rapport).",
        "en": "... and {count} more (see the full report).",
    },
    "report.md_closed": {
        "da": "Dispenserede fund og fund i baseline ({count})",
        "en": "Waived and baselined findings ({count})",
    },
    "report.heading.error": {
        "da": "Fejl",
        "en": "Errors",
    },
    "report.heading.warning": {
        "da": "Advarsler",
        "en": "Warnings",
    },
    "report.heading.info": {
        "da": "Info",
        "en": "Info",
    },
    "report.col.line_col": {"da": "linje:kol", "en": "line:col"},
    "report.col.severity": {"da": "alvor", "en": "severity"},
    "report.col.code": {"da": "kode", "en": "code"},
    "report.col.rule": {"da": "regel", "en": "rule"},
    "report.col.message": {"da": "besked", "en": "message"},
    "report.col.path": {"da": "sti", "en": "path"},
    "report.col.ruleset": {"da": "regelsæt", "en": "rule set"},
    "report.col.open": {"da": "åbne", "en": "open"},
    "report.col.waived": {"da": "dispenseret", "en": "waived"},
    "report.col.baselined": {"da": "baseline", "en": "baselined"},
    "report.col.status": {"da": "status", "en": "status"},
    "report.col.file_line": {"da": "fil:linje", "en": "file:line"},
    "report.col.artifact": {"da": "artefakt", "en": "artifact"},
    "report.col.total": {"da": "i alt", "en": "total"},
    "report.built_in": {"da": "(indbygget)", "en": "(built-in)"},
    # -- command-line help -------------------------------------------------------------------
    "help.group": {
        "da": "Governance-linter og diff for konfigurationen af Sundhedsplatformen.\n\n"
        "Rå eksporter normaliseres til kanonisk YAML (én fil pr. artefakt), valideres mod "
        "skemaet for deres art og tjekkes mod den centrale standard.",
        "en": "Governance linter and diff for Sundhedsplatformen configuration.\n\n"
        "Raw exports are normalised to canonical YAML (one file per artifact), validated "
        "against the schema of their kind, and checked against the central standard.",
    },
    "help.quiet": {
        "da": "Ingen statuslinjer eller noter på standard error.",
        "en": "No progress bars or notes on standard error.",
    },
    "help.verbose": {
        "da": "Noter på standard error: konfiguration, regelsæt, tidsforbrug.",
        "en": "Notes on standard error: configuration, rule sets, timings.",
    },
    "help.color": {
        "da": "Farver i tekstrapporten (fund én linje pr. stk.): auto (på en terminal, ikke i en "
        "pipe eller fil; NO_COLOR slår dem fra, FORCE_COLOR til), always eller never. Vinder "
        "over NO_COLOR og FORCE_COLOR. JSON, SARIF, Markdown, JUnit og filer får aldrig farver.",
        "en": "Colour in the text report (one line per finding): auto (on a terminal, not in a "
        "pipe or a file; NO_COLOR turns it off, FORCE_COLOR on), always or never. Wins over "
        "NO_COLOR and FORCE_COLOR. JSON, SARIF, Markdown, JUnit and files never get colour.",
    },
    "help.lang": {
        "da": "Sprog for beskeder og hjælp (standard: konfigurationen, ellers systemets "
        "sprogindstilling).",
        "en": "Language of messages and help (default: config, else the locale).",
    },
    "help.normalize": {
        "da": "Gør rå eksporter (eller kanoniske filer, på stedet) til det kanoniske træ.\n\n"
        "Uden --out er INPUTS kanoniske artefaktfiler, og de omskrives på stedet.",
        "en": "Turn raw exports (or canonical files, in place) into the canonical tree.\n\n"
        "Without --out, INPUTS are canonical artifact files and are rewritten in place.",
    },
    "help.normalize.out": {
        "da": "Mappe, som det kanoniske træ skrives til.",
        "en": "Folder of the canonical tree to write.",
    },
    "help.normalize.profile": {
        "da": "Profilfil eller en mappe med profiler (kan gentages).",
        "en": "Mapping profile file, or a folder of them (repeatable).",
    },
    "help.normalize.check": {
        "da": "Skriv intet; afslut med 1 og list filer, der ikke er på kanonisk form.",
        "en": "Write nothing; exit 1 listing files not in canonical form.",
    },
    "help.normalize.diff": {
        "da": "Skriv intet; vis hvad der ville ændre sig.",
        "en": "Write nothing; show what would change.",
    },
    "help.normalize.encoding": {
        "da": "Eksporternes tegnsæt (f.eks. cp1252); tilsidesætter profilerne.",
        "en": "Encoding of the exports (e.g. cp1252); overrides the profiles.",
    },
    "help.validate": {
        "da": "Tjek hver artefakt mod JSON-skemaet for dens art (standard: den aktuelle mappe).",
        "en": "Check every artifact against its kind's JSON Schema (default: the current folder).",
    },
    "help.format": {
        "da": "Outputformat.",
        "en": "Output format.",
    },
    "help.formats": {
        "da": "Outputformat: {formats} (standard: text, en linje pr. fund; grouped: en tabel "
        "pr. fil; kan gentages; FORMAT:FIL eller en efterfølgende --output skriver det til en "
        "fil).",
        "en": "Output format: {formats} (default: text, one line per finding; grouped: a table "
        "per file; repeatable; FORMAT:FILE or a following --output writes it to a file).",
    },
    "help.ruleset": {
        "da": "Regelsæt: navnet på et medfølgende regelsæt eller en fil (kan gentages; "
        "standard: fra spguard.yaml, ellers alle medfølgende).",
        "en": "Rule set: a shipped preset name or a file (repeatable; default: from "
        "spguard.yaml, else all shipped).",
    },
    "help.today": {
        "da": "Datoen, som udløb og brug vurderes efter (standard: i dag i København).",
        "en": "Date to judge expiry and usage by (default: today in Copenhagen).",
    },
    "help.lint": {
        "da": "Tjek artefakter mod regelsættene med dispensationer og baseline anvendt.\n\n"
        "Gives der enkelte filer (som pre-commit gør), ser regler på tværs af filer stadig "
        "hele repositoriet (mappen med spguard.yaml); kun fund i de givne filer rapporteres.",
        "en": "Check artifacts against the rule sets, with waivers and baseline applied.\n\n"
        "Given files (as pre-commit passes them), cross-file rules still see the whole "
        "repository (the folder with spguard.yaml); only findings in the given files are "
        "reported.",
    },
    "help.lint.select": {
        "da": "Kun disse regelkoder (eller præfikser, f.eks. MED).",
        "en": "Only these rule codes (or code prefixes, e.g. MED).",
    },
    "help.lint.ignore": {
        "da": "Spring disse regelkoder (eller præfikser) over.",
        "en": "Skip these rule codes (or prefixes).",
    },
    "help.lint.fail_on": {
        "da": "Laveste alvorsgrad, der får kørslen til at fejle (standard: konfigurationen, "
        "ellers error).",
        "en": "Lowest severity that fails the run (default: config, else error).",
    },
    "help.lint.output": {
        "da": "Outputfil; den n'te --output hører til det n'te --format, resten går til "
        "standard output.",
        "en": "Output file; the n-th --output takes the n-th --format, the rest go to "
        "standard output.",
    },
    "help.waivers_file": {
        "da": "Dispensationsfil (standard: konfigurationen, ellers waivers.yaml i roden).",
        "en": "Waivers file (default: config, else waivers.yaml at the root).",
    },
    "help.baseline_file": {
        "da": "Baseline-fil (standard: konfigurationen, ellers baseline.yaml i roden).",
        "en": "Baseline file (default: config, else baseline.yaml at the root).",
    },
    "help.lint.no_cache": {
        "da": "Læs alle filer igen; hverken læs eller skriv cachen.",
        "en": "Parse every file again; do not read or write the cache.",
    },
    "help.redact": {
        "da": "Fund viser intet feltindhold (til offentlige CI-logge; også SPGUARD_REDACT=1).",
        "en": "Findings show no field content (for public CI logs; also SPGUARD_REDACT=1).",
    },
    "help.lint.workers": {
        "da": "Arbejdsprocesser til indlæsning og kontrol (standard: SPGUARD_WORKERS, ellers én pr. kerne).",
        "en": "Worker processes for parsing and checking (default: SPGUARD_WORKERS, else one per core).",
    },
    "help.lint.statistics": {
        "da": "Efter fundene: en tabel med åbne, dispenserede og baseline-fund pr. regelsæt "
        "(formaterne text og grouped).",
        "en": "After the findings: a table of open, waived and baselined findings per rule set "
        "(the text and grouped formats).",
    },
    "help.lint.changed": {
        "da": "Til pre-commit: kontrollér PATHS og de artefakter, der afhænger af et artefakt, "
        "som ændringen sletter eller omdøber (den stagede ændring i git, eller ændringen mellem "
        "PRE_COMMIT_FROM_REF og PRE_COMMIT_TO_REF); uden PATHS kun dem.",
        "en": "For pre-commit: check PATHS and the artifacts that depend on an artifact the "
        "change deletes or renames (the change staged in git, or the change between "
        "PRE_COMMIT_FROM_REF and PRE_COMMIT_TO_REF); without PATHS only those.",
    },
    "help.waivers": {
        "da": "Dispensationer: godkendte, tidsbegrænsede undtagelser.",
        "en": "Waivers (dispensationer): approved, time-limited exceptions.",
    },
    "help.waivers.check": {
        "da": "Udløbne dispensationer, dispensationer der snart udløber, og dispensationer "
        "der ikke længere matcher noget.",
        "en": "Expired waivers, waivers expiring soon, and waivers that no longer match anything.",
    },
    "help.waivers.days": {
        "da": "Advar om dispensationer, der udløber inden for så mange dage.",
        "en": "Warn about waivers expiring within this many days.",
    },
    "help.baseline": {
        "da": "Baseline: fund, der blev accepteret, da repositoriet tog værktøjet i brug.",
        "en": "The baseline: findings accepted when the repository adopted the tool.",
    },
    "help.baseline.create": {
        "da": "Skriv baseline ud fra de nuværende fund.",
        "en": "Write the baseline from the current findings.",
    },
    "help.baseline.update": {
        "da": "Skriv baseline igen ud fra de nuværende fund, og rapportér forældede og nye poster.",
        "en": "Rewrite the baseline from the current findings, reporting stale and new entries.",
    },
    "help.rules": {
        "da": "De aktive regler: vis dem, eller forklar én.",
        "en": "The active rules: list them, or explain one.",
    },
    "help.rules.list": {
        "da": "Alle aktive regler med ejer, alvorsgrad og regelsæt.",
        "en": "Every active rule with its owner, severity and rule set.",
    },
    "help.rules.explain": {
        "da": "Ejer, alvorsgrad, begrundelse, tjek og eksempler for reglen CODE.",
        "en": "Owner, severity, rationale, the check and examples of rule CODE.",
    },
    "help.diff": {
        "da": "Semantisk diff af to filer eller træer (OLD NEW) eller af git-revisioner "
        "(--git).\n\nAfslutningskode 0 ved ens, 1 ved forskel, 2 ved fejl.",
        "en": "Semantic diff of two files or trees (OLD NEW), or of git revisions (--git).\n\n"
        "Exit code 0 when equal, 1 when different, 2 on error.",
    },
    "help.diff.git": {
        "da": "Sammenlign git-revisioner: REV mod arbejdstræet, A..B, eller A...B (hvad B "
        "ændrede, siden den forlod A, som git diff A...B); en tom side er HEAD. SIDES er så "
        "træet, der ses på (standard: .).",
        "en": "Compare git revisions: REV against the work tree, A..B, or A...B (what B changed "
        "since it left A, as git diff A...B); an empty side is HEAD. SIDES is then the tree to "
        "look at (default: .).",
    },
    "help.diff.drift": {
        "da": "Sig også, hvad hver ændring gør ved afvigelsen fra standarden.",
        "en": "Also say what each change does to the deviation from the standard.",
    },
    "help.output": {
        "da": "Skriv rapporten til denne fil.",
        "en": "Write the report to this file.",
    },
    "help.drift": {
        "da": "Hver lokal variant mod sin standard: klassificerede afvigelser og opsummeringer.",
        "en": "Every local variant against its standard: classified deviations and roll-ups.",
    },
    "help.drift.output": {
        "da": "Skriv rapporten til denne fil (HTML-rapporten er én selvstændig fil).",
        "en": "Write the report to this file (the HTML report is one self-contained file).",
    },
    "help.drift.waivers": {
        "da": "Dispensationsfil (standard: waivers.yaml i repositoriets rod).",
        "en": "Waivers file (default: waivers.yaml at the repository root).",
    },
    "help.drift.fail_on": {
        "da": "Afslut med 1, når der findes en afvigelse af denne klasse (eller en mere alvorlig).",
        "en": "Exit 1 when a deviation of this class (or a more serious one) exists.",
    },
    "help.drift.today": {
        "da": "Datoen, som dispensationers udløb vurderes efter.",
        "en": "Date to judge waiver expiry by.",
    },
    "help.init": {
        "da": "Opret et konfigurationsrepositorie i DIR (standard: den aktuelle mappe).\n\n"
        "Skriver spguard.yaml, en tom waivers.yaml, .pre-commit-config.yaml, CI-pipelines "
        "til GitHub Actions og GitLab CI samt central/ til standarden; eksisterende filer "
        "bevares, medmindre --force er angivet.",
        "en": "Scaffold a configuration repository in DIR (default: the current folder).\n\n"
        "Writes spguard.yaml, an empty waivers.yaml, .pre-commit-config.yaml, CI pipelines "
        "for GitHub Actions and GitLab CI, and central/ for the standard; existing files "
        "are kept unless --force is given.",
    },
    "help.init.force": {
        "da": "Overskriv filer, der allerede findes.",
        "en": "Overwrite files that already exist.",
    },
}
