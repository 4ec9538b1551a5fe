// Every text of the console in Danish and English. The API's own messages (errors, reasons)
// come in the language the console asks for with Accept-Language.

import { parseDay } from "./dates.js";

const texts = {
  "app.name": { da: "Indgang · medarbejdere", en: "Indgang · staff" },
  "app.skip": { da: "Gå til indholdet", en: "Skip to content" },
  "app.language": { da: "English", en: "Dansk" },
  "app.languageLabel": { da: "Read the console in English", en: "Læs konsollen på dansk" },
  "app.loggedInAs": { da: "Logget ind som {name}", en: "Logged in as {name}" },
  "app.logOut": { da: "Log ud", en: "Log out" },
  "app.loading": { da: "Henter …", en: "Loading …" },
  "app.updated": { da: "Opdateret {time}", en: "Updated {time}" },
  "app.refresh": { da: "Opdatér", en: "Refresh" },
  "app.notFound": { da: "Den side findes ikke i konsollen.", en: "That page does not exist in the console." },
  "app.networkError": { da: "Serveren svarer ikke. Tjek forbindelsen, og prøv igen.", en: "The server does not answer. Check the connection and try again." },
  "app.saved": { da: "Gemt.", en: "Saved." },
  "app.cancel": { da: "Fortryd", en: "Cancel" },
  "app.none": { da: "Ingen", en: "None" },
  "app.yes": { da: "Ja", en: "Yes" },
  "app.no": { da: "Nej", en: "No" },

  "nav.label": { da: "Hovedmenu", en: "Main menu" },
  "nav.queue": { da: "Kø", en: "Queue" },
  "nav.slots": { da: "Tider", en: "Times" },
  "nav.staff": { da: "Medarbejdere", en: "Staff" },
  "nav.providers": { da: "Behandlere", en: "Providers" },
  "nav.partners": { da: "Partnere", en: "Partners" },
  "nav.audit": { da: "Log", en: "Audit log" },
  "nav.stats": { da: "Statistik", en: "Statistics" },

  "login.title": { da: "Log ind", en: "Log in" },
  "login.intro": { da: "Konsollen til rådgivere i Indgang.", en: "The console for Indgang's counsellors." },
  "login.username": { da: "Brugernavn", en: "Username" },
  "login.password": { da: "Adgangskode", en: "Password" },
  "login.submit": { da: "Log ind", en: "Log in" },
  "login.expiredTitle": { da: "Du er blevet logget ud", en: "You have been logged out" },
  "login.expired": {
    da: "Din session er udløbet. Log ind igen for at fortsætte. Det, du har skrevet, er ikke tabt.",
    en: "Your session has ended. Log in again to carry on. Nothing you typed is lost.",
  },
  "login.loggedOut": { da: "Du er logget ud.", en: "You are logged out." },
  "password.title": { da: "Vælg din egen adgangskode", en: "Choose your own password" },
  "password.intro": {
    da: "Du er logget ind med en engangskode. Vælg en adgangskode på mindst 12 tegn, som kun du kender.",
    en: "You logged in with a one-time password. Choose a password of at least 12 characters that only you know.",
  },
  "password.current": { da: "Engangskode", en: "One-time password" },
  "password.currentOwn": { da: "Nuværende adgangskode", en: "Current password" },
  "password.change": { da: "Skift adgangskode", en: "Change password" },
  "password.introOwn": {
    da: "Når du har skiftet, slutter alle dine sessioner, og du logger ind igen med den nye adgangskode.",
    en: "Once you change it, all your sessions end and you log in again with the new password.",
  },
  "password.rules": {
    da: "Mindst 12 tegn, ikke den samme som før og uden dit brugernavn.",
    en: "At least 12 characters, not the same as before, without your username.",
  },
  "password.new": { da: "Ny adgangskode", en: "New password" },
  "password.submit": { da: "Gem adgangskoden", en: "Save the password" },
  "password.done": { da: "Adgangskoden er gemt. Log ind med den nye.", en: "The password is saved. Log in with the new one." },

  "find.label": { da: "Find sag med borgerens kode", en: "Find a case by the person's token" },
  "find.placeholder": { da: "fx 7KQ4-M2XP-9HTA-C3VW-8DRQ", en: "e.g. 7KQ4-M2XP-9HTA-C3VW-8DRQ" },
  "find.submit": { da: "Find", en: "Find" },

  "queue.title": { da: "Kø", en: "Queue" },
  "queue.intro": {
    da: "De mest akutte først (krise, derefter opsøgende og under 18), så de ældste.",
    en: "Most urgent first (crisis, then outreach and under 18), then the oldest.",
  },
  "queue.filters": { da: "Filtre", en: "Filters" },
  "queue.state": { da: "Tilstand", en: "State" },
  "queue.open": { da: "Alle åbne", en: "All open" },
  "queue.track": { da: "Forslag", en: "Suggested track" },
  "queue.flag": { da: "Markering", en: "Flag" },
  "queue.municipality": { da: "Kommune", en: "Municipality" },
  "queue.any": { da: "Alle", en: "Any" },
  "queue.apply": { da: "Vis", en: "Show" },
  "queue.empty": { da: "Ingen sager passer til filtrene.", en: "No cases match the filters." },
  "queue.countOne": { da: "1 sag", en: "1 case" },
  "queue.count": { da: "{count} sager", en: "{count} cases" },
  "queue.caption": { da: "Sager i køen", en: "Cases in the queue" },
  "queue.range": { da: "Viser {from}–{to} af {total} sager", en: "Showing {from}–{to} of {total} cases" },
  "queue.previous": { da: "Forrige side", en: "Previous page" },
  "queue.next": { da: "Næste side", en: "Next page" },
  "queue.pages": { da: "Sider i køen", en: "Pages of the queue" },
  "col.spam": { da: "Spam", en: "Spam" },
  "queue.selectSpam": { da: "Vælg {reference} som spam", en: "Select {reference} as spam" },
  "queue.markSpam": { da: "Luk valgte nye sager som spam", en: "Close the selected new cases as spam" },
  "queue.markSpamConfirm": { da: "Lukke {count} nye sager som spam? Det kan ikke fortrydes.", en: "Close {count} new cases as spam? This cannot be undone." },
  "queue.markedSpam": { da: "{marked} sager lukket som spam; {refused} kunne ikke lukkes.", en: "{marked} cases closed as spam; {refused} could not be closed." },
  "col.priority": { da: "Prioritet", en: "Priority" },
  "col.reference": { da: "Sag", en: "Case" },
  "col.age": { da: "Alder", en: "Age" },
  "col.state": { da: "Tilstand", en: "State" },
  "col.track": { da: "Forslag", en: "Suggestion" },
  "col.flags": { da: "Markeringer", en: "Flags" },
  "col.municipality": { da: "Kommune", en: "Municipality" },
  "col.assignee": { da: "Rådgiver", en: "Counsellor" },
  "col.unread": { da: "Ulæste", en: "Unread" },
  "col.deadline": { da: "Frist § 101", en: "§ 101 deadline" },
  "age.days": { da: "{days} d.", en: "{days} d" },
  "age.today": { da: "i dag", en: "today" },
  "deadline.passed": { da: "Overskredet {date}", en: "Passed {date}" },
  "deadline.near": { da: "Snart: {date}", en: "Near: {date}" },
  "priority.1": { da: "1 · krise", en: "1 · crisis" },
  "priority.2": { da: "2 · haster", en: "2 · urgent" },
  "priority.3": { da: "3", en: "3" },

  "state.new": { da: "Ny", en: "New" },
  "state.claimed": { da: "Taget", en: "Claimed" },
  "state.booked": { da: "Tid booket", en: "Booked" },
  "state.decided": { da: "Afgjort", en: "Decided" },
  "state.closed": { da: "Lukket", en: "Closed" },
  "state.withdrawn": { da: "Trukket tilbage", en: "Withdrawn" },
  "track.anonymous": { da: "Anonym (§ 101a)", en: "Anonymous (§ 101a)" },
  "track.ambulant": { da: "Ambulant (§ 101)", en: "Outpatient (§ 101)" },
  "track.outreach": { da: "Opsøgende (§ 101)", en: "Outreach (§ 101)" },
  "flag.crisis": { da: "Krise", en: "Crisis" },
  "flag.under18": { da: "Under 18", en: "Under 18" },
  "flag.children": { da: "Børn", en: "Children" },
  "flag.alcohol": { da: "Alkohol", en: "Alcohol" },
  "flag.dual_diagnosis": { da: "Dobbeltdiagnose", en: "Dual diagnosis" },
  "flag.injecting": { da: "Injicerer", en: "Injecting" },
  "flag.low_need": { da: "Lavt behov", en: "Low need" },
  "flag.relative": { da: "Pårørende", en: "Relative" },
  "flag.incomplete": { da: "Ufuldstændig", en: "Incomplete" },
  "mode.phone": { da: "Telefon", en: "Phone" },
  "mode.video": { da: "Video", en: "Video" },
  "mode.chat": { da: "Chat", en: "Chat" },
  "mode.centre": { da: "På centret", en: "At the centre" },
  "mode.outreach": { da: "Opsøgende", en: "Outreach" },
  "domain.medical": { da: "Helbred", en: "Medical" },
  "domain.employment": { da: "Arbejde og forsørgelse", en: "Employment and support" },
  "domain.alcohol": { da: "Alkohol", en: "Alcohol" },
  "domain.drug": { da: "Stoffer", en: "Drugs" },
  "domain.legal": { da: "Kriminalitet", en: "Legal" },
  "domain.family": { da: "Familie og netværk", en: "Family and social" },
  "domain.psychiatric": { da: "Psykisk helbred", en: "Psychiatric" },
  "identifier.cpr": { da: "et CPR-nummer", en: "a CPR number" },
  "identifier.email": { da: "en e-mailadresse", en: "an e-mail address" },
  "identifier.phone": { da: "et telefonnummer", en: "a phone number" },

  "case.title": { da: "Sag {reference}", en: "Case {reference}" },
  "case.back": { da: "Tilbage til køen", en: "Back to the queue" },
  "case.summary": { da: "Overblik", en: "Overview" },
  "case.submitted": { da: "Indsendt {date} ({age})", en: "Submitted {date} ({age})" },
  "case.holder": { da: "Rådgiver: {name}", en: "Counsellor: {name}" },
  "case.noHolder": { da: "Ingen rådgiver endnu", en: "No counsellor yet" },
  "fact.language": { da: "Borgerens sprog", en: "The person's language" },
  "fact.partner": { da: "Kom via partner", en: "Came through partner" },
  "case.deadline": { da: "Behandlingen skal starte senest {date} (§ 101, 14 dage).", en: "Treatment must start by {date} (§ 101, 14 days)." },
  "case.profile": { da: "Profil", en: "Profile" },
  "case.chartLabel": {
    da: "De syv sammensatte scorer fra 0 til 1, med linjen ved 0,5",
    en: "The seven composite scores from 0 to 1, with the line at 0.5",
  },
  "case.notScored": { da: "ikke besvaret", en: "not answered" },
  "case.suggestion": { da: "Forslag: {track}", en: "Suggestion: {track}" },
  "case.reasons": { da: "Derfor", en: "Why" },
  "case.flags": { da: "Markeringer", en: "Flags" },
  "case.answers": { da: "Svar", en: "Answers" },
  "case.skipped": { da: "Vil helst ikke svare", en: "Would rather not say" },
  "case.conversation": { da: "Samtale", en: "Conversation" },
  "case.noMessages": { da: "Ingen beskeder endnu.", en: "No messages yet." },
  "case.fromPerson": { da: "Borgeren", en: "The person" },
  "case.fromSystem": { da: "Systemet", en: "The system" },
  "case.internalNote": { da: "Intern note (borgeren ser den ikke)", en: "Internal note (the person never sees it)" },
  "case.identifiersWarning": {
    da: "Beskeden ser ud til at indeholde {kinds}. Skriv ikke oplysningerne videre.",
    en: "The message seems to contain {kinds}. Do not pass the details on.",
  },
  "case.write": { da: "Skriv til borgeren", en: "Write to the person" },
  "case.message": { da: "Besked", en: "Message" },
  "case.internal": { da: "Intern note – borgeren ser den ikke", en: "Internal note – the person does not see it" },
  "case.send": { da: "Send", en: "Send" },
  "case.sent": { da: "Sendt.", en: "Sent." },
  "case.writeNotAllowed": { da: "Tag sagen for at skrive til borgeren.", en: "Claim the case to write to the person." },
  "case.booking": { da: "Afklarende samtale", en: "Clarifying conversation" },
  "case.booked": { da: "Booket: {time}, {mode}, {place}", en: "Booked: {time}, {mode}, {place}" },
  "case.notBooked": { da: "Borgeren har ikke booket en tid.", en: "The person has not booked a time." },
  "case.offer": { da: "Tilbyd en tid", en: "Offer a time" },
  "case.offerHint": {
    da: "Tiden bliver synlig for alle borgere, der ønsker denne kontaktform. Borgeren booker den selv.",
    en: "The time becomes visible to everyone who asked for this kind of contact. The person books it themselves.",
  },
  "case.wishedMode": { da: "Borgeren ønsker: {mode}", en: "The person asked for: {mode}" },
  "case.offered": { da: "Tiden er lagt ud.", en: "The time is published." },
  "case.actions": { da: "Handlinger", en: "Actions" },
  "case.noActions": { da: "Sagen er afsluttet. Der er intet at gøre.", en: "The case has ended. There is nothing to do." },
  "action.claim": { da: "Tag sagen", en: "Claim the case" },
  "action.release": { da: "Læg sagen tilbage i køen", en: "Put the case back in the queue" },
  "action.hand_over": { da: "Giv sagen videre", en: "Hand the case over" },
  "action.cancel_booking": { da: "Aflys den bookede tid", en: "Cancel the booked time" },
  "action.decide": { da: "Afgør og henvis", en: "Decide and refer" },
  "action.close": { da: "Luk sagen", en: "Close the case" },
  "action.done": { da: "Udført.", en: "Done." },
  "handover.to": { da: "Kollega", en: "Colleague" },
  "decide.track": { da: "Spor", en: "Track" },
  "decide.reason": { da: "Begrundelse", en: "Reason" },
  "decide.reasonHint": { da: "Skal udfyldes, når sporet er et andet end forslaget.", en: "Required when the track differs from the suggestion." },
  "decide.provider": { da: "Behandler", en: "Provider" },
  "decide.noProvider": { da: "Ingen (vælg senere)", en: "None (choose later)" },
  "decide.start": { da: "Planlagt start", en: "Planned start" },
  "decide.delayReason": { da: "Begrundelse for senere start", en: "Reason for a later start" },
  "decide.delayHint": { da: "Skal udfyldes, når starten ligger efter fristen {date}.", en: "Required when the start is after the deadline {date}." },
  "close.reason": { da: "Begrundelse", en: "Reason" },
  "close.reasonHint": { da: "Skal udfyldes, når sagen ikke er afgjort.", en: "Required when the case has not been decided." },
  "decision.title": { da: "Afgørelse", en: "Decision" },
  "decision.text": { da: "{track}, start {date}", en: "{track}, start {date}" },
  "decision.provider": { da: "Henvist til {name}", en: "Referred to {name}" },
  "decision.closed": { da: "Lukket {date}", en: "Closed {date}" },

  "slots.title": { da: "Tider til afklarende samtaler", en: "Times for clarifying conversations" },
  "slots.intro": {
    da: "Læg tider ud pr. kontaktform. Borgere, der ønsker den kontaktform, kan booke dem på deres side.",
    en: "Publish times per kind of contact. People who asked for that kind of contact can book them on their page.",
  },
  "slots.week": { da: "Uge {week}, {year}", en: "Week {week}, {year}" },
  "slots.weekNav": { da: "Skift uge", en: "Change week" },
  "slots.allModes": { da: "Alle kontaktformer", en: "Every kind of contact" },
  "slots.previous": { da: "Forrige uge", en: "Previous week" },
  "slots.next": { da: "Næste uge", en: "Next week" },
  "slots.none": { da: "Ingen tider", en: "No times" },
  "slots.free": { da: "Ledig", en: "Free" },
  "slots.bookedBy": { da: "Booket af {reference}", en: "Booked by {reference}" },
  "slots.remove": { da: "Fjern", en: "Remove" },
  "slots.removeLabel": { da: "Fjern tiden {time}", en: "Remove the time {time}" },
  "slots.removed": { da: "Tiden er fjernet.", en: "The time is removed." },
  "slots.publish": { da: "Læg en tid ud", en: "Publish a time" },
  "slots.date": { da: "Dato", en: "Date" },
  "slots.time": { da: "Klokken", en: "Time" },
  "slots.length": { da: "Længde (minutter)", en: "Length (minutes)" },
  "slots.mode": { da: "Kontaktform", en: "Kind of contact" },
  "slots.place": { da: "Sted, link eller telefonnummer", en: "Place, link or phone number" },
  "slots.placeHint": {
    da: "Ved telefon: nummeret, borgeren ringer til. Borgeren giver aldrig sit eget nummer.",
    en: "For phone: the number the person calls. The person never gives their own number.",
  },
  "slots.published": { da: "Tiden er lagt ud.", en: "The time is published." },

  "staff.title": { da: "Medarbejdere", en: "Staff accounts" },
  "staff.username": { da: "Brugernavn", en: "Username" },
  "staff.role": { da: "Rolle", en: "Role" },
  "staff.role.staff": { da: "Rådgiver", en: "Counsellor" },
  "staff.role.admin": { da: "Administrator", en: "Administrator" },
  "staff.status": { da: "Status", en: "Status" },
  "staff.active": { da: "Aktiv", en: "Active" },
  "staff.disabled": { da: "Spærret", en: "Disabled" },
  "staff.pending": { da: "Har engangskode", en: "Has a one-time password" },
  "staff.add": { da: "Opret konto", en: "Add an account" },
  "staff.reset": { da: "Ny engangskode", en: "New one-time password" },
  "staff.resetLabel": { da: "Giv {name} en ny engangskode", en: "Give {name} a new one-time password" },
  "staff.disable": { da: "Spær", en: "Disable" },
  "staff.disableLabel": { da: "Spær {name}", en: "Disable {name}" },
  "staff.oneTime": {
    da: "Engangskode til {name}: {password} – giv den videre personligt. Den vises kun nu.",
    en: "One-time password for {name}: {password} – hand it over in person. It is shown only now.",
  },
  "staff.confirmDisable": { da: "Spær {name}? Kontoens sessioner slutter med det samme.", en: "Disable {name}? The account's sessions end at once." },
  "providers.title": { da: "Behandlere", en: "Providers" },
  "providers.slug": { da: "Kort navn", en: "Short name" },
  "providers.slugHint": { da: "a–z, 0–9 og bindestreg", en: "a–z, 0–9 and dashes" },
  "providers.name": { da: "Navn", en: "Name" },
  "providers.contact": { da: "Kontakt (adresse, telefon, åbningstider)", en: "Contact (address, phone, opening hours)" },
  "providers.anonymous": { da: "Tilbyder anonym behandling (§ 101a)", en: "Offers anonymous treatment (§ 101a)" },
  "providers.outside": { da: "Ligger uden for kommunen", en: "Lies outside the municipality" },
  "providers.kind": { da: "Slags", en: "Kind" },
  "providers.add": { da: "Tilføj behandler", en: "Add a provider" },
  "providers.coverageOk": {
    da: "§ 101a er dækket: {count} anonyme tilbud, heraf {outside} uden for kommunen.",
    en: "§ 101a is covered: {count} anonymous providers, {outside} of them outside the municipality.",
  },
  "providers.coverageGap": {
    da: "§ 101a er ikke dækket: der skal være mindst 2 anonyme tilbud, heraf mindst 1 uden for kommunen. Nu: {count}, heraf {outside} uden for.",
    en: "§ 101a is not covered: there must be at least 2 anonymous providers, at least 1 outside the municipality. Now: {count}, {outside} outside.",
  },
  "partners.title": { da: "Partnere", en: "Partners" },
  "partners.origin": { da: "Hjemmeside, der må vise startkortet", en: "Website that may show the start card" },
  "partners.originHint": { da: "fx https://cafe.example – uden sti", en: "e.g. https://cafe.example – without a path" },
  "partners.showsName": { da: "Vis \"Du kom fra …\" på startsiden", en: "Show \"You came from …\" on the start page" },
  "partners.link": { da: "Link", en: "Link" },
  "partners.add": { da: "Tilføj partner", en: "Add a partner" },
  "partners.rotate": { da: "Ny nøgle", en: "New key" },
  "partners.rotateLabel": { da: "Giv {name} en ny API-nøgle", en: "Give {name} a new API key" },
  "partners.key": {
    da: "API-nøgle til {name}: {key} – den vises kun nu. Den gamle virker ikke længere.",
    en: "API key for {name}: {key} – shown only now. Any old key no longer works.",
  },
  "audit.title": { da: "Log over handlinger", en: "Audit log" },
  "audit.case": { da: "Sag", en: "Case" },
  "audit.actor": { da: "Medarbejder", en: "Staff member" },
  "audit.from": { da: "Fra", en: "From" },
  "audit.to": { da: "Til", en: "To" },
  "audit.at": { da: "Tidspunkt", en: "Time" },
  "audit.action": { da: "Handling", en: "Action" },
  "audit.detail": { da: "Detalje", en: "Detail" },
  "audit.empty": { da: "Ingen poster.", en: "No entries." },
  "stats.title": { da: "Statistik pr. uge", en: "Statistics per week" },
  "stats.intro": {
    da: "Nye sager pr. uge og forslag. Tal fra 1 til 4 vises som <5, så ingen kan genkendes.",
    en: "New cases per week and suggested track. Counts from 1 to 4 show as <5 so no one can be singled out.",
  },
  "stats.week": { da: "Uge", en: "Week" },
  "stats.total": { da: "I alt", en: "Total" },
  "auditAction.case.read": { da: "Læste sagen", en: "Read the case" },
  "auditAction.case.lookup": { da: "Fandt sagen med borgerens kode", en: "Found the case by the person's token" },
  "auditAction.case.claim": { da: "Tog sagen", en: "Claimed the case" },
  "auditAction.case.release": { da: "Lagde sagen tilbage i køen", en: "Released the case" },
  "auditAction.case.hand_over": { da: "Gav sagen videre", en: "Handed the case over" },
  "auditAction.case.cancel_booking": { da: "Aflyste borgerens tid", en: "Cancelled the person's time" },
  "auditAction.case.decide": { da: "Afgjorde sagen", en: "Decided the case" },
  "auditAction.case.close": { da: "Lukkede sagen", en: "Closed the case" },
  "auditAction.case.mark_spam": { da: "Lukkede sagen som spam", en: "Closed the case as spam" },
  "auditAction.message.write": { da: "Skrev til borgeren", en: "Wrote to the person" },
  "auditAction.note.write": { da: "Skrev en intern note", en: "Wrote an internal note" },
  "auditAction.session.login": { da: "Loggede ind", en: "Logged in" },
  "auditAction.session.logout": { da: "Loggede ud", en: "Logged out" },
  "auditAction.session.failed": { da: "Forkert adgangskode", en: "Wrong password" },
  "auditAction.session.refused_locked": { da: "Afvist: kontoen er midlertidigt spærret", en: "Refused: the account is locked for a while" },
  "auditAction.session.refused_waiting": { da: "Afvist: for mange forkerte adgangskoder til brugernavnet, skal vente", en: "Refused: too many wrong passwords for the username, must wait" },
  "auditAction.staff.add": { da: "Oprettede en konto", en: "Added an account" },
  "auditAction.staff.disable": { da: "Spærrede en konto", en: "Disabled an account" },
  "auditAction.staff.reset_password": { da: "Gav en ny engangsadgangskode", en: "Gave a new one-time password" },
  "auditAction.staff.password_changed": { da: "Skiftede adgangskode", en: "Changed their password" },
  "auditAction.slot.create": { da: "Lagde en tid ud", en: "Published a time" },
  "auditAction.slot.delete": { da: "Fjernede en tid", en: "Removed a time" },
  "auditAction.provider.add": { da: "Tilføjede en behandler", en: "Added a provider" },
  "auditAction.provider.disable": { da: "Fjernede en behandler", en: "Disabled a provider" },
  "auditAction.partner.add": { da: "Tilføjede en partner", en: "Added a partner" },
  "auditAction.partner.rotate_key": { da: "Gav partneren en ny nøgle", en: "Gave the partner a new key" },
  "auditAction.partner.disable": { da: "Lukkede en partner", en: "Disabled a partner" },
  "auditAction.purge": { da: "Slettede efter reglerne for opbevaring", en: "Deleted under the retention rules" },
  "stats.chartLabel": { da: "Nye sager pr. uge og spor", en: "New cases per week and track" },
  "stats.empty": { da: "Ingen sager i perioden.", en: "No cases in the period." },
  "common.actions": { da: "Handlinger", en: "Actions" },
  "common.show": { da: "Vis", en: "Show" },
};

const storageKey = "indgang.staff.language";

/** The console's language: the last one chosen, else the browser's, else Danish. */
export let language = (() => {
  const saved = localStorage.getItem(storageKey);
  if (saved === "da" || saved === "en") return saved;
  return (navigator.language || "da").toLowerCase().startsWith("da") ? "da" : "en";
})();

export function setLanguage(next) {
  language = next;
  localStorage.setItem(storageKey, next);
  document.documentElement.lang = next;
}

/** The text for `key` in the console's language, with `{name}` placeholders filled. */
export function t(key, values = {}) {
  const entry = texts[key];
  if (!entry) return key;
  return entry[language].replace(/\{(\w+)\}/g, (match, name) => (name in values ? String(values[name]) : match));
}

/** Whether a text exists for `key` (for labels of values the API may add later). */
export function has(key) {
  return key in texts;
}

/** A date (YYYY-MM-DD) as people read it. */
export function formatDay(iso) {
  if (!iso) return "";
  return parseDay(iso).toLocaleDateString(language === "da" ? "da-DK" : "en-GB", {
    day: "numeric", month: "short", year: "numeric", timeZone: "UTC",
  });
}

/** A local date-time (YYYY-MM-DDTHH:MM) as people read it. */
export function formatLocalTime(text) {
  if (!text) return "";
  const [date, time] = text.split("T");
  return `${formatDay(date)} ${time ?? ""}`.trim();
}

/** A number with the language's decimal mark. */
export function formatNumber(value, digits = 2) {
  return value.toLocaleString(language === "da" ? "da-DK" : "en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export const tracks = ["anonymous", "ambulant", "outreach"];
export const states = ["new", "claimed", "booked", "decided", "closed", "withdrawn"];
export const flags = ["crisis", "under18", "children", "alcohol", "dual_diagnosis", "injecting", "low_need", "relative", "incomplete"];
export const modes = ["phone", "video", "chat", "centre", "outreach"];
export const domains = ["medical", "employment", "alcohol", "drug", "legal", "family", "psychiatric"];
