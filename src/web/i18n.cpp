// Every interface string of the site, French and English side by side so that a missing translation shows.
//
// Key convention: lower-case words joined by dots, "area.name" ("site.name", "search.q_label"), leaves only —
// no key is also the beginning of another ("a.b" and "a.b.c" cannot both exist). Templates see the messages as
// nested objects under `t`, so "search.q_label" is {{t.search.q_label}} (templates.cpp builds the tree and
// refuses a key that breaks this rule). Numbered families use the number as last word: "month.1", "day.7".
// Plural families end in .zero (optional), .one and .other; "{name}" marks a value filled in by the page
// (format_message / format_count in pages/page_context.h).
//
// French typography: write plain spaces around « », before : ; ! ? — messages(Lang::Fr) turns them into
// no-break spaces, so that the source stays readable and the output never breaks a line before a colon.
// The long prose of the accessibility statement is not here: it lives in templates/accessibility.mustache, one
// block per language, as a document rather than as interface strings.
#include "web/i18n.h"

#include <cctype>
#include <string>

namespace tc::web {

namespace {

struct Message {
  std::string_view key;
  std::string_view fr;
  std::string_view en;  // empty: fall back to French
};

constexpr Message kMessages[] = {
    // Site and layout
    {"site.name", "Télécentres du Cantal", "Cantal telecentres"},
    {"site.tagline", "Des bureaux partagés pour télétravailler près de chez soi",
     "Shared offices for teleworking close to home"},
    {"layout.skip_link", "Aller au contenu", "Skip to content"},
    {"layout.nav_label", "Menu principal", "Main menu"},
    {"layout.breadcrumb_label", "Fil d'Ariane", "Breadcrumb"},
    {"layout.switch_label", "English", "Français"},
    {"layout.accessibility_status", "Accessibilité : partiellement conforme", "Accessibility: partially compliant"},
    {"layout.publisher",
     "Un service du Conseil départemental du Cantal et des collectivités qui accueillent les télécentres.",
     "A service of the Conseil départemental du Cantal and of the local authorities that host the telecentres."},
    {"layout.data_credit",
     "Communes : INSEE, Code officiel géographique 2025 ; contours : IGN Admin Express. Données sous",
     "Communes: INSEE official geographic code (COG) 2025; contours: IGN Admin Express. Data under the"},
    {"layout.licence", "Licence Ouverte / Etalab 2.0", "Open Licence / Etalab 2.0"},
    {"nav.home", "Accueil", "Home"},
    {"nav.accessibility", "Accessibilité", "Accessibility"},

    // Home page and search
    {"home.title", "Trouver un télécentre", "Find a telecentre"},
    {"home.heading", "Trouver un télécentre dans le Cantal", "Find a telecentre in the Cantal"},
    {"home.intro",
     "Les télécentres sont des bureaux partagés qu'ouvrent les communes et les intercommunalités du Cantal : un poste "
     "de travail équipé, une connexion à haut débit et un accueil, près de chez vous, pour télétravailler, lancer "
     "votre activité ou recevoir vos clients.",
     "Telecentres are shared offices opened by the Cantal's towns and groups of communes: an equipped desk, a "
     "broadband connection and someone to welcome you, close to home, to telework, start your business or meet "
     "your clients."},
    {"search.heading", "Rechercher un télécentre", "Search for a telecentre"},
    {"search.q_label", "Commune ou code postal", "Commune or postcode"},
    {"search.q_hint", "Nom de la commune, code postal ou code INSEE, par exemple Saint-Flour ou 15100.",
     "Name of the commune, postcode or INSEE code, for example Saint-Flour or 15100."},
    {"search.within_label", "Distance maximale", "Maximum distance"},
    {"search.any_distance", "Toutes distances", "Any distance"},
    {"search.more", "Plus de critères : services, statut, accessibilité",
     "More criteria: services, status, accessibility"},
    {"search.services_legend", "Services souhaités", "Services you need"},
    {"search.statuses_legend", "Statut du télécentre", "Telecentre status"},
    {"search.accessibility_legend", "Accessibilité", "Accessibility"},
    {"search.accessible_label", "Accessible en fauteuil roulant (de plain-pied, sanitaires adaptés)",
     "Wheelchair accessible (step-free, adapted toilets)"},
    {"search.submit", "Rechercher", "Search"},
    {"search.reset", "Effacer la recherche", "Clear the search"},
    {"search.error_title", "Erreur dans la recherche", "Error in the search"},
    {"search.bad_distance", "La distance doit être un nombre de kilomètres, par exemple 30.",
     "The distance must be a number of kilometres, for example 30."},
    {"search.distance_range", "La distance doit être comprise entre 0 et 1 000 km.",
     "The distance must be between 0 and 1,000 km."},
    {"search.bad_service", "Service inconnu : « {value} ».", "Unknown service: “{value}”."},
    {"search.bad_status", "Statut inconnu : « {value} ».", "Unknown status: “{value}”."},
    {"search.no_match_title", "Commune introuvable", "Commune not found"},
    {"search.no_match_heading", "Commune introuvable", "Commune not found"},
    {"search.no_match", "Aucune commune ne correspond à « {q} ». Vérifiez l'orthographe ou saisissez un code postal.",
     "No commune matches “{q}”. Check the spelling or enter a postcode."},
    {"search.candidates_heading", "Précisez la commune", "Which commune do you mean?"},
    {"search.candidates_intro", "Plusieurs communes correspondent à « {q} ». Choisissez la vôtre :",
     "Several communes match “{q}”. Choose yours:"},

    // Results
    {"results.network_heading", "Le réseau des télécentres du Cantal", "The Cantal's telecentre network"},
    {"results.by_name.zero", "Aucun télécentre n'est encore inscrit dans l'annuaire.",
     "No telecentre is listed in the directory yet."},
    {"results.by_name.one", "1 télécentre, présenté ci-dessous.", "1 telecentre, shown below."},
    {"results.by_name.other", "{n} télécentres, par ordre alphabétique.", "{n} telecentres, in alphabetical order."},
    {"results.within.zero", "Aucun télécentre à moins de {km} km de {commune}",
     "No telecentre within {km} km of {commune}"},
    {"results.within.one", "1 télécentre à moins de {km} km de {commune}", "1 telecentre within {km} km of {commune}"},
    {"results.within.other", "{n} télécentres à moins de {km} km de {commune}",
     "{n} telecentres within {km} km of {commune}"},
    {"results.near.zero", "Aucun télécentre ne correspond à vos critères", "No telecentre matches your criteria"},
    {"results.near.one", "1 télécentre, avec sa distance depuis {commune}",
     "1 telecentre, with its distance from {commune}"},
    {"results.near.other", "{n} télécentres, du plus proche au plus éloigné de {commune}",
     "{n} telecentres, from the nearest to the farthest from {commune}"},
    {"results.filtered.zero", "Aucun télécentre ne correspond à vos critères", "No telecentre matches your criteria"},
    {"results.filtered.one", "1 télécentre correspond à vos critères", "1 telecentre matches your criteria"},
    {"results.filtered.other", "{n} télécentres correspondent à vos critères", "{n} telecentres match your criteria"},
    {"results.empty", "Élargissez la distance ou retirez des critères pour voir d'autres télécentres.",
     "Widen the distance or remove some criteria to see other telecentres."},

    // Statuses
    {"status.planned", "En projet", "Planned"},
    {"status.opening", "En cours d'ouverture", "Opening soon"},
    {"status.in_service", "En service", "In service"},
    {"status.closed", "Fermé", "Closed"},
    {"status.since.planned", "En projet depuis le {date}", "Planned since {date}"},
    {"status.since.opening", "En cours d'ouverture depuis le {date}", "Opening soon: preparations began on {date}"},
    {"status.since.in_service", "En service depuis le {date}", "In service since {date}"},
    {"status.since.closed", "Fermé depuis le {date}", "Closed since {date}"},
    {"status_count.planned.one", "{n} en projet", "{n} planned"},
    {"status_count.planned.other", "{n} en projet", "{n} planned"},
    {"status_count.opening.one", "{n} en cours d'ouverture", "{n} opening soon"},
    {"status_count.opening.other", "{n} en cours d'ouverture", "{n} opening soon"},
    {"status_count.in_service.one", "{n} en service", "{n} in service"},
    {"status_count.in_service.other", "{n} en service", "{n} in service"},
    {"status_count.closed.one", "{n} fermé", "{n} closed"},
    {"status_count.closed.other", "{n} fermés", "{n} closed"},
    {"history.item", "{date} : {status}", "{date}: {status}"},

    // Services and reception
    {"service.reception", "Accueil sur place", "On-site reception"},
    {"service.copier", "Photocopieur", "Copier"},
    {"service.fax", "Fax", "Fax"},
    {"service.printer", "Imprimante", "Printer"},
    {"service.broadband", "Internet à haut débit", "Broadband Internet"},
    {"service.meeting_room", "Salle de réunion", "Meeting room"},
    {"service.videoconference", "Visioconférence", "Videoconferencing"},
    {"reception.none", "Pas d'accueil sur place", "No on-site reception"},
    {"reception.secretariat", "Accueil par un secrétariat", "Reception by a secretariat"},
    {"reception.animator", "Accueil par l'animateur ou l'animatrice du réseau",
     "Reception by the network's facilitator"},
    {"capacity.offices.one", "{n} bureau", "{n} office"},
    {"capacity.offices.other", "{n} bureaux", "{n} offices"},
    {"capacity.posts.one", "{n} poste", "{n} desk"},
    {"capacity.posts.other", "{n} postes", "{n} desks"},

    // Accessibility of a centre
    {"access.accessible", "Accessible en fauteuil roulant : accès de plain-pied et sanitaires adaptés.",
     "Wheelchair accessible: step-free access and adapted toilets."},
    {"access.step_free_only", "Accès de plain-pied, mais sanitaires non adaptés aux fauteuils roulants.",
     "Step-free access, but the toilets are not adapted for wheelchairs."},
    {"access.toilets_only", "Sanitaires adaptés, mais pas d'accès de plain-pied.",
     "Adapted toilets, but no step-free access."},
    {"access.none", "Non accessible en fauteuil roulant : ni accès de plain-pied, ni sanitaires adaptés.",
     "Not wheelchair accessible: no step-free access and no adapted toilets."},
    {"access.step_free", "Accès de plain-pied", "Step-free access"},
    {"access.adapted_toilets", "Sanitaires adaptés", "Adapted toilets"},
    {"access.reserved_parking", "Stationnement réservé", "Reserved parking"},
    {"access.erp_category", "Catégorie d'établissement recevant du public (ERP)", "Public building category (ERP)"},
    {"access.erp.first", "1re catégorie", "Category 1"},
    {"access.erp.other", "{n}e catégorie", "Category {n}"},
    {"access.erp.unknown", "Non renseignée", "Not stated"},
    {"common.yes", "Oui", "Yes"},
    {"common.no", "Non", "No"},

    // A centre's page (and the result cards)
    {"centre.commune", "Commune", "Commune"},
    {"centre.distance", "Distance", "Distance"},
    {"centre.capacity", "Bureaux et postes", "Offices and desks"},
    {"centre.services", "Services", "Services"},
    {"centre.no_services", "Aucun service déclaré", "No services listed"},
    {"centre.accessibility", "Accessibilité", "Accessibility"},
    {"centre.identity_heading", "Présentation", "Overview"},
    {"centre.host_authority", "Collectivité d'accueil", "Host authority"},
    {"centre.address", "Adresse", "Address"},
    {"centre.zrr", "Zone de revitalisation rurale (ZRR)", "Rural revitalisation zone (ZRR)"},
    {"centre.zrr_override", "Classement propre à ce télécentre :", "Classification specific to this telecentre:"},
    {"centre.specialities", "Spécialités", "Specialities"},
    {"centre.no_specialities", "Aucune", "None"},
    {"centre.offices_heading", "Bureaux et postes de travail", "Offices and desks"},
    {"centre.services_heading", "Services et équipements", "Services and equipment"},
    {"centre.broadband", "Internet à haut débit : {down} Mbit/s en réception, {up} Mbit/s en émission",
     "Broadband Internet: {down} Mbit/s download, {up} Mbit/s upload"},
    {"centre.missing_services", "Non disponibles ici :", "Not available here:"},
    {"centre.accessibility_heading", "Accessibilité", "Accessibility"},
    {"centre.register_link", "Consulter le registre public d'accessibilité", "Read the public accessibility register"},
    {"centre.no_register",
     "Le registre public d'accessibilité n'est pas publié en ligne : vous pouvez le consulter à l'accueil.",
     "The public accessibility register is not published online: you can read it at reception."},
    {"centre.hours_heading", "Horaires d'ouverture", "Opening hours"},
    {"centre.hours_caption", "Horaires d'ouverture — {name}", "Opening hours — {name}"},
    {"centre.no_hours", "Les horaires ne sont pas encore communiqués.", "Opening hours are not published yet."},
    {"centre.closures_heading", "Fermetures exceptionnelles", "Exceptional closures"},
    {"centre.no_closures", "Aucune fermeture prévue.", "No closure planned."},
    {"centre.history_heading", "Historique", "History"},
    {"centre.map_heading", "Situation", "Location"},
    {"centre.back", "Retour à la recherche", "Back to the search"},
    {"centre.not_found", "Ce télécentre n'existe pas.", "This telecentre does not exist."},

    // Opening hours, dates
    {"hours.day", "Jour", "Day"},
    {"hours.morning", "Matin", "Morning"},
    {"hours.afternoon", "Après-midi", "Afternoon"},
    {"hours.closed", "Fermé", "Closed"},
    {"hours.range", "{from} à {to}", "{from} to {to}"},
    {"closure.range", "Fermé du {from} au {to}", "Closed from {from} to {to}"},
    {"closure.day", "Fermé le {date}", "Closed on {date}"},
    {"day.1", "Lundi", "Monday"},
    {"day.2", "Mardi", "Tuesday"},
    {"day.3", "Mercredi", "Wednesday"},
    {"day.4", "Jeudi", "Thursday"},
    {"day.5", "Vendredi", "Friday"},
    {"day.6", "Samedi", "Saturday"},
    {"day.7", "Dimanche", "Sunday"},
    {"month.1", "janvier", "January"},
    {"month.2", "février", "February"},
    {"month.3", "mars", "March"},
    {"month.4", "avril", "April"},
    {"month.5", "mai", "May"},
    {"month.6", "juin", "June"},
    {"month.7", "juillet", "July"},
    {"month.8", "août", "August"},
    {"month.9", "septembre", "September"},
    {"month.10", "octobre", "October"},
    {"month.11", "novembre", "November"},
    {"month.12", "décembre", "December"},

    // Maps
    {"map.legend", "Légende des symboles de la carte", "Map key"},
    {"map.title", "Carte : {heading}", "Map: {heading}"},
    {"map.title_centre", "Carte de situation : {name}", "Location map: {name}"},
    {"map.description",
     "Chaque télécentre est marqué d'un symbole selon son statut : rond plein en service, triangle en cours "
     "d'ouverture, carré vide en projet, croix fermé.",
     "Each telecentre is marked by a symbol for its status: filled circle in service, triangle opening soon, hollow "
     "square planned, cross closed."},
    {"map.highlight", "La commune de {commune} est surlignée.", "The commune of {commune} is highlighted."},
    {"map.radius", "Le cercle en pointillés marque {km} km autour de {commune}.",
     "The dashed circle marks {km} km around {commune}."},
    {"map.caption", "Carte des télécentres de la liste. La liste ci-dessus donne les mêmes informations.",
     "Map of the telecentres in the list. The list above gives the same information."},
    {"map.caption_centre", "Situation du télécentre dans le Cantal. L'adresse ci-dessus donne la même information.",
     "Where the telecentre is in the Cantal. The address above gives the same information."},

    // Accounts: the header's links, forms, signing in and up, the account page, the privacy notice
    {"nav.sign_in", "Se connecter", "Sign in"},
    {"nav.sign_up", "Créer un compte", "Create an account"},
    {"nav.account", "Mon compte", "My account"},
    {"nav.sign_out", "Se déconnecter", "Sign out"},
    {"nav.privacy", "Données personnelles", "Personal data"},
    {"form.errors.one", "Le formulaire contient une erreur", "There is a problem with the form"},
    {"form.errors.other", "Le formulaire contient {n} erreurs", "There are {n} problems with the form"},
    {"form.error_prefix", "Erreur :", "Error:"},
    {"form.error_title", "Erreur : {title}", "Error: {title}"},
    {"form.expired",
     "Formulaire expiré : rechargez la page, ou vérifiez le formulaire ci-dessous et envoyez-le de nouveau.",
     "This form has expired: reload the page, or check the form below and send it again."},
    {"account.email", "Adresse e-mail", "E-mail address"},
    {"account.password", "Mot de passe", "Password"},
    {"account.display_name", "Nom affiché", "Display name"},
    {"signin.title", "Se connecter", "Sign in"},
    {"signin.intro", "Connectez-vous pour tenir votre profil à jour et suivre vos candidatures.",
     "Sign in to keep your profile up to date and follow your applications."},
    {"signin.submit", "Se connecter", "Sign in"},
    {"signin.no_account", "Pas encore de compte ?", "No account yet?"},
    {"signup.title", "Créer un compte", "Create an account"},
    {"signup.intro",
     "Un compte vous permet de candidater à un poste dans un télécentre du réseau et de suivre vos demandes.",
     "An account lets you apply for a desk in one of the network's telecentres and follow your requests."},
    {"signup.all_required", "Tous les champs sont obligatoires.", "All fields are required."},
    {"signup.display_name_hint", "Votre nom, tel que l'accueil des télécentres le verra (100 caractères au plus).",
     "Your name, as the telecentres' hosts will see it (100 characters at most)."},
    {"signup.email_hint", "Elle sert à vous connecter et à recevoir les réponses à vos candidatures.",
     "You will use it to sign in and to receive the answers to your applications."},
    {"signup.password_hint",
     "Au moins {min} caractères, pas un mot de passe courant et sans votre adresse e-mail. Une phrase de plusieurs "
     "mots "
     "est facile à retenir et difficile à deviner.",
     "At least {min} characters, not a common password, and without your e-mail address. A sentence of several words "
     "is easy to remember and hard to guess."},
    {"signup.consent", "J'ai lu la politique de confidentialité", "I have read the privacy notice"},
    {"signup.consent_hint",
     "Elle dit quelles données sont gardées, pourquoi, combien de temps, et comment exercer vos droits.",
     "It says which data is kept, why, for how long, and how to exercise your rights."},
    {"signup.privacy_link", "Lire la politique de confidentialité", "Read the privacy notice"},
    {"signup.submit", "Créer mon compte", "Create my account"},
    {"signup.have_account", "Vous avez déjà un compte ?", "Already have an account?"},
    {"account.title", "Mon compte", "My account"},
    {"account.identity_heading", "Vos informations de connexion", "Your sign-in details"},
    {"account.name", "Nom", "Name"},
    {"account.roles", "Rôle", "Role"},
    {"account.hosted", "Télécentres dont vous assurez l'accueil", "Telecentres you host"},
    {"role.teleworker", "Télétravailleur", "Teleworker"},
    {"role.host", "Accueil d'un télécentre", "Telecentre host"},
    {"role.animator", "Animation du réseau", "Network facilitator"},
    {"role.admin", "Administration du réseau (conseil départemental)", "Network administration (county council)"},
    {"profile.heading", "Votre profil", "Your profile"},
    {"profile.intro",
     "Ces informations aident le réseau à vous orienter vers les télécentres qui vous conviennent. Seul le nom "
     "affiché est obligatoire.",
     "This information helps the network point you to the telecentres that suit you. Only the display name is "
     "required."},
    {"profile.display_name_hint", "100 caractères au plus.", "100 characters at most."},
    {"profile.home_commune", "Commune de résidence (facultatif)", "Home commune (optional)"},
    {"profile.home_commune_hint",
     "Une commune du Cantal : son nom, son code postal ou son code INSEE, par exemple Murat ou 15138.",
     "A commune of the Cantal: its name, postcode or INSEE code, for example Murat or 15138."},
    {"profile.commune_unknown", "Aucune commune du Cantal ne correspond à « {value} ».",
     "No commune of the Cantal matches “{value}”."},
    {"profile.commune_code_ambiguous",
     "Le code {value} désigne plusieurs communes : {choices}. Saisissez plutôt le nom de la vôtre.",
     "The code {value} matches several communes: {choices}. Type the name of yours instead."},
    {"profile.commune_code_ambiguous_more",
     "Le code {value} désigne plusieurs communes, dont : {choices}. Saisissez plutôt le nom de la vôtre.",
     "The code {value} matches several communes, including: {choices}. Type the name of yours instead."},
    {"profile.commune_name_ambiguous",
     "Plusieurs communes correspondent à « {value} » : {choices}. Saisissez le nom complet de la vôtre ou son code "
     "INSEE.",
     "Several communes match “{value}”: {choices}. Type the full name of yours or its INSEE code."},
    {"profile.commune_name_ambiguous_more",
     "De nombreuses communes correspondent à « {value} », dont : {choices}. Saisissez le nom complet de la vôtre ou "
     "son code INSEE.",
     "Many communes match “{value}”, including: {choices}. Type the full name of yours or its INSEE code."},
    {"profile.workplace_commune", "Commune de travail (facultatif)", "Workplace commune (optional)"},
    {"profile.workplace_commune_hint",
     "Celle de votre employeur ou de vos clients, si elle est dans le Cantal : nom, code postal ou code INSEE.",
     "Your employer's or clients' commune, if it is in the Cantal: name, postcode or INSEE code."},
    {"profile.category_legend", "Votre situation", "Your situation"},
    {"profile.employer", "Employeur (facultatif)", "Employer (optional)"},
    {"profile.employer_hint", "200 caractères au plus.", "200 characters at most."},
    {"profile.needs_legend", "Ce dont vous avez besoin dans un télécentre (facultatif)",
     "What you need in a telecentre (optional)"},
    {"needs.step_free", "Un accès de plain-pied", "Step-free access"},
    {"needs.printing", "Une imprimante", "A printer"},
    {"needs.fax", "Un fax", "A fax"},
    {"needs.videoconference", "La visioconférence", "Videoconferencing"},
    {"profile.rqth_legend", "Reconnaissance de la qualité de travailleur handicapé (RQTH)",
     "Recognised disabled worker status (RQTH)"},
    {"profile.rqth_hint",
     "Donnée de santé, donc sensible : répondre est facultatif. Seuls vous et l'équipe du conseil départemental qui "
     "administre le réseau pouvez voir votre réponse ; les statistiques ne la comptent que sans nom.",
     "Health data, hence sensitive: answering is optional. Only you and the county council's team that runs the "
     "network can see your answer; statistics only count it without names."},
    {"profile.rqth_yes", "Oui", "Yes"},
    {"profile.rqth_no", "Non", "No"},
    {"profile.rqth_unsaid", "Je préfère ne pas le dire", "I prefer not to say"},
    {"profile.submit", "Enregistrer mon profil", "Save my profile"},
    {"profile.saved", "Votre profil est enregistré.", "Your profile is saved."},
    {"tokens.heading", "Jetons d'accès personnels", "Personal access tokens"},
    {"tokens.intro",
     "Un jeton permet à un programme (un tableur, un script) d'utiliser l'API du site en votre nom. Gardez-le comme "
     "un mot de passe et révoquez-le dès qu'il ne sert plus.",
     "A token lets a program (a spreadsheet, a script) use the site's API on your behalf. Keep it like a password "
     "and revoke it as soon as it is no longer needed."},
    {"tokens.none", "Vous n'avez aucun jeton.", "You have no token."},
    {"tokens.caption", "Vos jetons", "Your tokens"},
    {"tokens.name", "Nom", "Name"},
    {"tokens.created", "Créé le", "Created on"},
    {"tokens.state", "État", "Status"},
    {"tokens.action", "Action", "Action"},
    {"tokens.active", "Actif", "Active"},
    {"tokens.revoked", "Révoqué", "Revoked"},
    {"tokens.revoke", "Révoquer", "Revoke"},
    {"tokens.revoke_which", "le jeton « {label} »", "the token “{label}”"},
    {"tokens.create_heading", "Créer un jeton", "Create a token"},
    {"tokens.label_field", "Nom du jeton", "Token name"},
    {"tokens.label_hint",
     "Pour vous rappeler à quoi il sert, par exemple « Tableur de suivi » (50 caractères au plus).",
     "To remember what it is for, for example “Tracking spreadsheet” (50 characters at most)."},
    {"tokens.create", "Créer le jeton", "Create the token"},
    {"tokens.new_heading", "Votre nouveau jeton", "Your new token"},
    {"tokens.new_once", "Copiez-le maintenant : pour votre sécurité, il ne sera plus jamais affiché.",
     "Copy it now: for your security, it will never be shown again."},
    {"tokens.new_label", "Jeton « {label} »", "Token “{label}”"},
    {"tokens.revoked_notice", "Le jeton est révoqué : il ne donne plus accès à l'API.",
     "The token is revoked: it no longer gives access to the API."},
    {"sessions.heading", "Vos sessions", "Your sessions"},
    {"sessions.intro",
     "Vous déconnecter de tous les appareils ferme toutes vos sessions, par exemple sur un ordinateur partagé que "
     "vous auriez oublié de fermer. Vos jetons d'accès restent valides.",
     "Signing out of every device ends all your sessions, for example on a shared computer you forgot to sign out "
     "of. Your access tokens stay valid."},
    {"sessions.sign_out", "Se déconnecter", "Sign out"},
    {"sessions.sign_out_everywhere", "Se déconnecter de tous les appareils", "Sign out of every device"},
    {"privacy.title", "Politique de confidentialité", "Privacy notice"},

    // --- recovery, data rights and audit pages ---
    {"signin.forgot_password", "Mot de passe oublié ?", "Forgotten your password?"},
    {"forgot.title", "Mot de passe oublié", "Forgotten password"},
    {"forgot.intro",
     "Saisissez l'adresse e-mail de votre compte : nous vous enverrons un lien pour choisir un nouveau mot de passe.",
     "Enter your account's e-mail address: we will send you a link to choose a new password."},
    {"forgot.email_hint", "Celle que vous utilisez pour vous connecter.", "The one you use to sign in."},
    {"forgot.submit", "Recevoir un lien", "Send me a link"},
    {"forgot.back_to_sign_in", "Retour à la connexion", "Back to sign in"},
    {"forgot.sent_title", "Vérifiez votre messagerie", "Check your e-mail"},
    {"forgot.sent", "Si un compte utilise cette adresse, un lien vous a été envoyé. Il est valable une heure.",
     "If an account uses this address, a link has been sent to it. It is valid for one hour."},
    {"forgot.sent_help",
     "Le message peut mettre quelques minutes à arriver ; pensez à regarder dans les courriers indésirables. Le lien "
     "ne sert qu'une fois.",
     "The message may take a few minutes to arrive; check your spam folder too. The link works only once."},
    {"forgot.again", "Demander un nouveau lien", "Ask for a new link"},
    {"reset.title", "Choisir un nouveau mot de passe", "Choose a new password"},
    {"reset.intro",
     "Dès que le nouveau mot de passe est enregistré, toutes vos sessions ouvertes sont fermées : connectez-vous "
     "ensuite avec lui.",
     "As soon as the new password is saved, all your open sessions are ended: then sign in with it."},
    {"reset.password", "Nouveau mot de passe", "New password"},
    {"reset.submit", "Enregistrer le mot de passe", "Save the password"},
    {"reset.new_link", "Demander un nouveau lien", "Ask for a new link"},
    {"reset.incomplete_title", "Lien incomplet", "Incomplete link"},
    {"reset.incomplete",
     "Ce lien de réinitialisation est incomplet. Copiez-le en entier depuis le message reçu, ou demandez-en un "
     "nouveau.",
     "This reset link is incomplete. Copy all of it from the message you received, or ask for a new one."},
    {"reset.done_title", "Mot de passe modifié", "Password changed"},
    {"reset.done", "Votre mot de passe est modifié. Pour votre sécurité, toutes vos sessions ont été fermées.",
     "Your password is changed. For your security, all your sessions have been ended."},
    {"reset.sign_in", "Se connecter avec le nouveau mot de passe", "Sign in with the new password"},
    {"mydata.account_link", "Mes données personnelles : les consulter, les télécharger, effacer mon compte",
     "My personal data: view it, download it, erase my account"},
    {"mydata.title", "Mes données personnelles", "My personal data"},
    {"mydata.intro",
     "Ce que le réseau des télécentres garde sur vous, comment le télécharger, et comment effacer votre compte.",
     "What the telecentre network keeps about you, how to download it, and how to erase your account."},
    {"mydata.held_heading", "Ce que nous gardons", "What we keep"},
    {"mydata.account_heading", "Votre compte", "Your account"},
    {"mydata.created", "Compte créé le", "Account created on"},
    {"mydata.home_commune", "Commune de résidence", "Home commune"},
    {"mydata.workplace_commune", "Commune de travail", "Workplace commune"},
    {"mydata.employer", "Employeur", "Employer"},
    {"mydata.needs", "Besoins dans un télécentre", "Needs in a telecentre"},
    {"mydata.not_given", "Non renseigné", "Not given"},
    {"mydata.edit_profile", "Modifier mon profil", "Edit my profile"},
    {"mydata.activity_heading", "Vos candidatures et vos jetons d'accès", "Your applications and access tokens"},
    {"mydata.applications.zero", "Aucune candidature.", "No application."},
    {"mydata.applications.one", "1 candidature, avec son historique.", "1 application, with its history."},
    {"mydata.applications.other", "{n} candidatures, avec leur historique.", "{n} applications, with their history."},
    {"mydata.tokens.zero", "Aucun jeton d'accès personnel.", "No personal access token."},
    {"mydata.tokens.one", "1 jeton d'accès personnel.", "1 personal access token."},
    {"mydata.tokens.other", "{n} jetons d'accès personnels.", "{n} personal access tokens."},
    {"mydata.consents_heading", "Votre accord à la politique de confidentialité",
     "Your agreement to the privacy notice"},
    {"mydata.consent_item", "Version {version}, acceptée le {date}", "Version {version}, accepted on {date}"},
    {"mydata.no_consent", "Aucun accord enregistré : ce compte a été créé par l'équipe du réseau.",
     "No agreement recorded: this account was created by the network's team."},
    {"mydata.security_note",
     "Pour la sécurité du site, nous gardons aussi vos sessions de connexion et le journal des actions "
     "d'administration.",
     "For the site's security, we also keep your sign-in sessions and the log of administrative actions."},
    {"mydata.download_heading", "Télécharger mes données", "Download my data"},
    {"mydata.download_intro",
     "Un fichier au format JSON contient tout ce qui précède, vos candidatures avec leur historique et vos messages, "
     "et la liste de vos jetons d'accès. Vous pouvez le garder ou le transmettre à un autre service.",
     "A file in JSON format holds all of the above, your applications with their history and your messages, and the "
     "list of your access tokens. You can keep it or pass it on to another service."},
    {"mydata.download", "Télécharger toutes mes données (fichier JSON)", "Download all my data (JSON file)"},
    {"mydata.erase_heading", "Effacer mon compte", "Erase my account"},
    {"mydata.erase_intro", "Vous pouvez effacer votre compte à tout moment. L'effacement est définitif :",
     "You can erase your account at any time. The erasure is final:"},
    {"mydata.erase_removed",
     "votre nom, votre adresse e-mail, votre profil et vos messages sont effacés ou rendus anonymes ;",
     "your name, e-mail address, profile and messages are deleted or anonymised;"},
    {"mydata.erase_kept", "les statistiques du réseau, qui ne contiennent aucun nom, sont conservées ;",
     "the network's statistics, which contain no names, are kept;"},
    {"mydata.erase_signed_out",
     "toutes vos sessions sont fermées, sur tous vos appareils, et vos jetons d'accès cessent de fonctionner.",
     "all your sessions are ended, on every device, and your access tokens stop working."},
    {"mydata.erase_download_first",
     "Si vous voulez garder vos données, téléchargez-les avant : elles ne pourront plus être retrouvées.",
     "If you want to keep your data, download it first: it cannot be recovered afterwards."},
    {"mydata.erase_password", "Votre mot de passe", "Your password"},
    {"mydata.erase_password_hint", "Pour confirmer que c'est bien vous.", "To confirm that it is really you."},
    {"mydata.erase_confirm", "Je comprends que c'est définitif", "I understand that this is final"},
    {"mydata.erase_submit", "Effacer définitivement mon compte", "Erase my account for good"},
    {"mydata.erased_title", "Compte effacé", "Account erased"},
    {"mydata.erased", "Votre compte est effacé et votre session est fermée.",
     "Your account is erased and your session is ended."},
    {"mydata.erased_after",
     "Vos données personnelles ne sont plus conservées. Si vous revenez, vous pourrez créer un nouveau compte.",
     "Your personal data is no longer kept. If you come back, you can create a new account."},
    {"audit.title", "Journal d'audit", "Audit log"},
    {"audit.title_page", "Journal d'audit, page {page}", "Audit log, page {page}"},
    {"audit.heading", "Journal d'audit", "Audit log"},
    {"audit.intro",
     "Les actions d'administration et les effacements de données, de la plus récente à la plus ancienne. Les heures "
     "sont en temps universel (UTC).",
     "Administrative actions and data erasures, newest first. Times are in Coordinated Universal Time (UTC)."},
    {"audit.caption", "Entrées {first} à {last} du journal, de la plus récente à la plus ancienne",
     "Log entries {first} to {last}, newest first"},
    {"audit.col_date", "Date (UTC)", "Date (UTC)"},
    {"audit.col_who", "Qui", "Who"},
    {"audit.col_action", "Action", "Action"},
    {"audit.col_subject", "Sujet", "Subject"},
    {"audit.col_detail", "Détail", "Detail"},
    {"audit.when", "{date}, {time}", "{date}, {time}"},
    {"audit.person", "Personne n° {id}", "Person no. {id}"},
    {"audit.system", "Système", "System"},
    {"audit.page", "Page {page}", "Page {page}"},
    {"audit.pages_label", "Pages du journal", "Log pages"},
    {"audit.newer", "Entrées plus récentes", "Newer entries"},
    {"audit.older", "Entrées plus anciennes", "Older entries"},
    {"audit.past_end", "Cette page du journal n'existe pas : le journal est plus court.",
     "This page of the log does not exist: the log is shorter."},
    {"audit.first_page", "Aller à la première page du journal", "Go to the first page of the log"},
    {"audit.empty", "Le journal est vide pour l'instant.", "The log is empty for now."},
    {"audit.action.person.create", "Création d'un compte", "Account created"},
    {"audit.action.person.erase", "Effacement des données d'une personne", "Erasure of a person's data"},
    {"audit.action.person.password_reset", "Nouveau mot de passe par un lien de réinitialisation",
     "New password from a reset link"},
    {"audit.action.role.change", "Changement de rôles", "Change of roles"},
    {"audit.action.application.decision", "Décision sur une candidature", "Decision on an application"},
    {"audit.action.application.purge", "Purge des anciennes candidatures", "Purge of old applications"},
    // --- end of recovery, data rights and audit pages ---

    // --- applications pages ---
    {"nav.applications", "Candidatures", "Applications"},
    {"apps.mine.title", "Mes candidatures", "My applications"},
    {"apps.mine.intro",
     "Vos demandes de place dans les télécentres du réseau et leur état. L'accueil du télécentre vous prévient aussi "
     "par e-mail de chaque réponse.",
     "Your requests for a place in the network's telecentres and where they stand. The telecentre's host also tells "
     "you of each answer by e-mail."},
    {"apps.mine.apply_link", "Déposer une candidature", "Apply to a telecentre"},
    {"apps.mine.none", "Vous n'avez encore déposé aucune candidature.", "You have not applied to any telecentre yet."},
    {"apps.mine.caption", "Vos candidatures, de la plus récente à la plus ancienne",
     "Your applications, the most recent first"},
    {"apps.col.centre", "Télécentre", "Telecentre"},
    {"apps.col.rank", "Ordre de préférence", "Preference"},
    {"apps.col.days", "Jours par semaine", "Days a week"},
    {"apps.col.start", "Début souhaité", "Desired start"},
    {"apps.col.state", "État", "Status"},
    {"apps.col.changed", "Dernier changement", "Last change"},
    {"apps.col.detail", "Détail", "Details"},
    {"apps.col.applicant", "Candidat ou candidate", "Applicant"},
    {"apps.col.category", "Situation", "Situation"},
    {"apps.col.submitted", "Déposée le", "Submitted on"},
    {"apps.open", "Voir", "View"},
    {"apps.open_which_mine", "votre candidature : {centre}", "your application: {centre}"},
    {"apps.open_which", "la candidature : {name}, {centre}", "the application: {name}, {centre}"},
    {"apps.days.one", "{n} jour", "{n} day"},
    {"apps.days.other", "{n} jours", "{n} days"},
    {"apps.review.title", "Candidatures à examiner", "Applications to review"},
    {"apps.review.scope_host", "Les candidatures aux télécentres dont vous assurez l'accueil.",
     "Applications to the telecentres you host."},
    {"apps.review.scope_network", "Toutes les candidatures du réseau.", "All the network's applications."},
    {"apps.review.count.zero", "Aucune candidature ne correspond à ces critères",
     "No application matches these criteria"},
    {"apps.review.count.one", "1 candidature", "1 application"},
    {"apps.review.count.other", "{n} candidatures", "{n} applications"},
    {"apps.review.caption", "Candidatures, de la plus récente à la plus ancienne",
     "Applications, the most recent first"},
    {"apps.review.open", "Examiner", "Review"},
    {"apps.review.mine_heading", "Vos propres candidatures", "Your own applications"},
    {"apps.filter.heading", "Filtrer les candidatures", "Filter the applications"},
    {"apps.filter.state", "État", "Status"},
    {"apps.filter.any_state", "Tous les états", "Any status"},
    {"apps.filter.category", "Situation du candidat", "Applicant's situation"},
    {"apps.filter.any_category", "Toutes les situations", "Any situation"},
    {"apps.filter.centre", "Télécentre", "Telecentre"},
    {"apps.filter.any_centre", "Tous les télécentres", "All telecentres"},
    {"apps.filter.from", "Déposées à partir du", "Submitted from"},
    {"apps.filter.to", "Déposées jusqu'au", "Submitted until"},
    {"apps.filter.date_hint", "AAAA-MM-JJ, par exemple 2026-01-31.", "YYYY-MM-DD, for example 2026-01-31."},
    {"apps.filter.submit", "Filtrer", "Filter"},
    {"apps.filter.reset", "Effacer les filtres", "Clear the filters"},
    {"apps.apply.title", "Déposer une candidature", "Apply to a telecentre"},
    {"apps.apply.intro",
     "Demandez une place régulière dans un télécentre du réseau. L'accueil du télécentre examine votre demande et "
     "vous répond par e-mail. Tous les champs sont obligatoires, sauf le dernier.",
     "Ask for a regular place in one of the network's telecentres. The telecentre's host reviews your request and "
     "answers you by e-mail. All fields are required, except the last one."},
    {"apps.apply.submit", "Envoyer ma candidature", "Send my application"},
    {"apps.field.centre", "Télécentre", "Telecentre"},
    {"apps.field.centre_choose", "Choisissez un télécentre", "Choose a telecentre"},
    {"apps.field.centre_option", "{name} ({status})", "{name} ({status})"},
    {"apps.field.days_legend", "Nombre de jours par semaine", "Number of days a week"},
    {"apps.field.start_date", "Date de début souhaitée", "Desired start date"},
    {"apps.field.start_date_hint", "Au format AAAA-MM-JJ, par exemple 2027-01-04.",
     "Written YYYY-MM-DD, for example 2027-01-04."},
    {"apps.field.motivation", "Votre motivation", "Why you are applying"},
    {"apps.field.motivation_hint",
     "Votre activité, pourquoi ce télécentre, ce dont vous avez besoin : {max} caractères au plus.",
     "Your work, why this telecentre, what you need: {max} characters at most."},
    {"apps.field.heard_from", "Comment avez-vous connu le réseau ? (facultatif)",
     "How did you hear about the network? (optional)"},
    {"apps.field.heard_from_hint",
     "Par exemple : presse locale, réunion d'information, bouche-à-oreille ({max} caractères au plus).",
     "For example: local press, an information meeting, word of mouth ({max} characters at most)."},
    {"apps.detail.heading", "Candidature n° {id} : {centre}", "Application no. {id}: {centre}"},
    {"apps.detail.centre", "Télécentre", "Telecentre"},
    {"apps.detail.state", "État", "Status"},
    {"apps.detail.submitted", "Déposée le", "Submitted on"},
    {"apps.detail.start", "Début souhaité", "Desired start"},
    {"apps.detail.days", "Jours par semaine", "Days a week"},
    {"apps.detail.rank", "Ordre de préférence", "Preference"},
    {"apps.detail.heard_from", "A connu le réseau par", "Heard about the network through"},
    {"apps.detail.motivation_heading", "Motivation", "Motivation"},
    {"apps.detail.applicant_heading", "Candidat ou candidate", "Applicant"},
    {"apps.detail.name", "Nom", "Name"},
    {"apps.detail.email", "Adresse e-mail", "E-mail address"},
    {"apps.detail.category", "Situation", "Situation"},
    {"apps.detail.no_category", "Non renseignée", "Not given"},
    {"apps.detail.rqth", "Reconnaissance de la qualité de travailleur handicapé (RQTH)",
     "Recognised disabled worker status (RQTH)"},
    {"apps.detail.rqth_yes", "Oui", "Yes"},
    {"apps.detail.rqth_unsaid", "Non déclarée", "Not declared"},
    {"apps.history.heading", "Historique", "History"},
    {"apps.history.date_end", " :", ":"},
    {"apps.history.submitted", "candidature déposée", "application submitted"},
    {"apps.history.then", "puis", "then"},
    {"apps.history.message", "Message :", "Message:"},
    {"apps.decision.heading", "Votre décision", "Your decision"},
    {"apps.decision.legend", "Décision", "Decision"},
    {"apps.decision.accepted", "Accepter la candidature", "Accept the application"},
    {"apps.decision.waitlisted", "Mettre en liste d'attente", "Put on the waiting list"},
    {"apps.decision.declined", "Refuser la candidature", "Decline the application"},
    {"apps.decision.under_review", "Indiquer que la candidature est en cours d'examen",
     "Mark the application as under review"},
    {"apps.decision.ended", "Mettre fin à l'occupation du poste", "End the occupancy of the desk"},
    {"apps.decision.message", "Message au candidat (facultatif)", "Message to the applicant (optional)"},
    {"apps.decision.message_hint",
     "Il figure dans l'historique de la candidature et dans l'e-mail envoyé au candidat ({max} caractères au plus).",
     "It appears in the application's history and in the e-mail sent to the applicant ({max} characters at most)."},
    {"apps.decision.submit", "Enregistrer la décision", "Record the decision"},
    {"apps.decision.none", "Aucune décision n'est possible dans l'état actuel de cette candidature.",
     "No decision is possible in this application's current status."},
    {"apps.withdraw.heading", "Retirer ma candidature", "Withdraw my application"},
    {"apps.withdraw.warning",
     "Le retrait est définitif : pour revenir vers ce télécentre, il faudra déposer une nouvelle candidature. Si une "
     "place vous était attribuée, elle sera proposée à la personne suivante de la liste d'attente.",
     "Withdrawing is final: to come back to this telecentre, you will have to apply again. If a place was given to "
     "you, it will be offered to the next person on the waiting list."},
    {"apps.withdraw.message", "Message à l'accueil du télécentre (facultatif)",
     "Message to the telecentre's host (optional)"},
    {"apps.withdraw.message_hint", "{max} caractères au plus.", "{max} characters at most."},
    {"apps.withdraw.submit", "Retirer ma candidature", "Withdraw my application"},
    {"apps.done.depot",
     "Votre candidature est déposée. L'accueil du télécentre va l'examiner et vous répondra par e-mail.",
     "Your application is sent. The telecentre's host will review it and answer you by e-mail."},
    {"apps.done.decision",
     "La décision est enregistrée : la candidature est désormais « {state} ». Le candidat en est "
     "prévenu par e-mail.",
     "The decision is recorded: the application is now “{state}”. The applicant is told by e-mail."},
    {"apps.done.retrait", "Votre candidature est retirée.", "Your application is withdrawn."},
    {"apps.back", "Retour aux candidatures", "Back to the applications"},
    {"apps.centre.apply", "Déposer une candidature", "Apply to this telecentre"},
    // --- end of applications pages ---

    // Booking pages: the week grid, "Mes réservations", the host's day (pages/bookings*.cpp)
    {"nav.bookings", "Mes réservations", "My bookings"},
    {"centre.bookings_link", "Voir les disponibilités et réserver", "See availability and book"},
    {"bookings.slot.morning", "matin", "morning"},
    {"bookings.slot.afternoon", "après-midi", "afternoon"},
    {"bookings.slot.day", "journée entière", "whole day"},
    {"bookings.status.booked", "Réservé", "Booked"},
    {"bookings.status.checked_in", "Présent", "Checked in"},
    {"bookings.status.cancelled", "Annulé", "Cancelled"},
    {"bookings.status.no_show", "Absent", "No-show"},
    {"bookings.cell.closed", "Fermé", "Closed"},
    {"bookings.cell.closed_because", "Fermé ({reason})", "Closed ({reason})"},
    {"bookings.cell.full", "Complet", "Full"},
    {"bookings.cell.past", "Passé", "Past"},
    {"bookings.cell.free.one", "Libre : 1 poste sur {total}", "Free: 1 desk out of {total}"},
    {"bookings.cell.free.other", "Libre : {n} postes sur {total}", "Free: {n} desks out of {total}"},
    {"bookings.cell.held", "Réservé pour vous ({post})", "Booked for you ({post})"},
    {"bookings.cell.waiting", "Vous êtes en liste d'attente", "You are on the waiting list"},
    {"bookings.refused.heading", "Demande refusée : {reason}", "Request refused: {reason}"},
    {"bookings.refused.heading_when", "Demande refusée pour le {when} : {reason}",
     "Request refused for {when}: {reason}"},
    {"bookings.refused.already_waiting", "Vous êtes déjà en liste d'attente pour cette demi-journée.",
     "You are already on the waiting list for this half-day."},
    {"bookings.refused.not_full", "Un poste est libre sur cette demi-journée : réservez-le directement.",
     "A desk is free for this half-day: book it directly."},
    {"bookings.refused.already_closed", "Cette réservation est déjà annulée ou close.",
     "This booking is already cancelled or closed."},
    {"bookings.refused.cancel_started", "Cette demi-journée a commencé : la réservation ne peut plus être annulée.",
     "This half-day has started: the booking can no longer be cancelled."},
    {"bookings.refused.check_in_time",
     "L'arrivée s'enregistre de 30 minutes avant l'ouverture jusqu'à la fin de la demi-journée.",
     "Check-in opens 30 minutes before the half-day and closes at its end."},
    {"bookings.refused.other", "L'opération n'a pas pu aboutir : rechargez la page et recommencez.",
     "This could not be done: reload the page and try again."},
    {"bookings.reason_prefix", "Motif :", "Reason:"},
    {"bookings.expired", "Formulaire expiré : rechargez la page et recommencez.",
     "This form has expired: reload the page and try again."},
    {"bookings.not_found", "Cette réservation n'existe pas, ou vous n'y avez pas accès.",
     "This booking does not exist, or you do not have access to it."},
    {"bookings.col.date", "Date", "Date"},
    {"bookings.col.slot", "Demi-journée", "Half-day"},
    {"bookings.col.result", "Résultat", "Result"},
    {"bookings.col.centre", "Télécentre", "Telecentre"},
    {"bookings.col.post", "Poste", "Desk"},
    {"bookings.col.status", "État", "Status"},
    {"bookings.col.actions", "Actions", "Actions"},
    {"bookings.col.name", "Personne", "Person"},
    {"bookings.week.heading", "Disponibilités et réservations : {centre}", "Availability and booking: {centre}"},
    {"bookings.week.crumb", "Disponibilités", "Availability"},
    {"bookings.week.sign_in", "Connectez-vous pour réserver", "Sign in to book"},
    {"bookings.week.not_admitted",
     "Pour réserver dans ce télécentre, il faut que votre candidature y ait été acceptée.",
     "To book at this telecentre, your application to it must have been accepted."},
    {"bookings.week.apply", "Déposer une candidature", "Apply to this telecentre"},
    {"bookings.week.nav_label", "Semaines", "Weeks"},
    {"bookings.week.prev", "Semaine précédente", "Previous week"},
    {"bookings.week.next", "Semaine suivante", "Next week"},
    {"bookings.week.this_week", "Cette semaine", "This week"},
    {"bookings.week.starting", "du", "starting"},
    {"bookings.week.caption", "Postes libres, {centre}, semaine du {from} au {to}",
     "Free desks, {centre}, week of {from} to {to}"},
    {"bookings.week.slot_col", "Demi-journée", "Half-day"},
    {"bookings.week.today", "(aujourd'hui)", "(today)"},
    {"bookings.week.book_morning", "Réserver le matin", "Book the morning"},
    {"bookings.week.book_afternoon", "Réserver l'après-midi", "Book the afternoon"},
    {"bookings.week.book_day", "Réserver la journée", "Book the whole day"},
    {"bookings.week.wait", "M'inscrire en liste d'attente", "Join the waiting list"},
    {"bookings.week.day_row", "Journée entière", "Whole day"},
    {"bookings.week.no_day", "Journée entière indisponible", "Whole day unavailable"},
    {"bookings.week.horizon", "Vous pouvez réserver jusqu'au {date}.", "You can book until {date}."},
    {"bookings.week.days_heading", "Qui est attendu, jour par jour", "Who is expected, day by day"},
    {"bookings.week.jump_label", "Aller à la semaine du", "Go to the week of"},
    {"bookings.week.jump_hint", "AAAA-MM-JJ, par exemple 2026-12-01.", "YYYY-MM-DD, for example 2026-12-01."},
    {"bookings.week.jump_submit", "Afficher la semaine", "Show the week"},
    {"bookings.week.to_mine", "Mes réservations", "My bookings"},
    {"bookings.week.to_centre", "Retour au télécentre", "Back to the telecentre"},
    {"bookings.series.heading", "Réserver chaque semaine", "Book every week"},
    {"bookings.series.intro",
     "Cochez les demi-journées à réserver chaque semaine, puis la période : chaque date est réservée quand un poste "
     "est libre, et la page suivante dit, date par date, ce qui a été réservé.",
     "Tick the half-days to book every week, then the period: each date is booked when a desk is free, and the next "
     "page tells, date by date, what was booked."},
    {"bookings.series.legend", "Demi-journées de chaque semaine", "Half-days of each week"},
    {"bookings.series.slot_label", "{day} {slot}", "{day} {slot}"},
    {"bookings.series.from", "Du", "From"},
    {"bookings.series.to", "Au (inclus)", "To (included)"},
    {"bookings.series.date_hint", "AAAA-MM-JJ, par exemple 2027-01-04.", "YYYY-MM-DD, for example 2027-01-04."},
    {"bookings.series.all_or_nothing", "Tout ou rien : ne rien réserver si une seule date n'est pas disponible",
     "All or nothing: book nothing if a single date is unavailable"},
    {"bookings.series.submit", "Réserver ces demi-journées", "Book these half-days"},
    {"bookings.series.result_heading", "Réservation chaque semaine : {centre}", "Weekly booking: {centre}"},
    {"bookings.series.caption", "Résultat date par date, du {from} au {to}",
     "Result date by date, from {from} to {to}"},
    {"bookings.series.booked", "Réservé", "Booked"},
    {"bookings.series.not_booked", "Non réservé : {reason}", "Not booked: {reason}"},
    {"bookings.series.rolled_back", "Non réservé : disponible, mais la série a été refusée en entier.",
     "Not booked: available, but the whole series was refused."},
    {"bookings.series.done.one", "1 demi-journée réservée sur {total}.", "1 half-day booked out of {total}."},
    {"bookings.series.done.other", "{n} demi-journées réservées sur {total}.", "{n} half-days booked out of {total}."},
    {"bookings.series.refused_all",
     "Rien n'a été réservé : au moins une date n'était pas disponible, et vous aviez demandé tout ou rien.",
     "Nothing was booked: at least one date was unavailable, and you asked for all or nothing."},
    {"bookings.series.refused_none", "Rien n'a été réservé : aucune date de la série n'était disponible.",
     "Nothing was booked: no date of the series was available."},
    {"bookings.series.back", "Retour aux disponibilités", "Back to the availability"},
    {"bookings.mine.title", "Mes réservations", "My bookings"},
    {"bookings.mine.book_at", "Réserver un poste :", "Book a desk:"},
    {"bookings.mine.days_heading", "La journée de vos télécentres", "Your telecentres' day"},
    {"bookings.mine.upcoming_heading", "À venir", "Coming up"},
    {"bookings.mine.upcoming_caption", "Vos prochaines réservations, par date", "Your coming bookings, by date"},
    {"bookings.mine.none", "Vous n'avez aucune réservation à venir.", "You have no coming booking."},
    {"bookings.mine.code_label", "Code du jour", "Today's code"},
    {"bookings.mine.check_in", "Enregistrer mon arrivée", "Check in"},
    {"bookings.mine.cancel", "Annuler", "Cancel"},
    {"bookings.mine.waits_heading", "Listes d'attente", "Waiting lists"},
    {"bookings.mine.waits_intro", "Si un poste se libère, il vous est réservé et vous recevez un e-mail.",
     "If a desk frees up, it is booked for you and you get an e-mail."},
    {"bookings.mine.waits_caption", "Les demi-journées où vous attendez une place",
     "The half-days you are waiting for"},
    {"bookings.mine.no_waits", "Vous n'êtes sur aucune liste d'attente.", "You are not on any waiting list."},
    {"bookings.mine.leave", "Quitter la liste d'attente", "Leave the waiting list"},
    {"bookings.mine.calendar_heading", "Votre calendrier", "Your calendar"},
    {"bookings.mine.calendar_intro",
     "Ajoutez cette adresse à votre agenda (Thunderbird, Outlook, votre téléphone…) : vos réservations y "
     "apparaissent d'elles-mêmes. Gardez-la pour vous, elle suffit pour les lire.",
     "Add this address to your calendar application (Thunderbird, Outlook, your phone…): your bookings show up in it "
     "by themselves. Keep it to yourself: it is enough to read them."},
    {"bookings.mine.calendar_label", "Adresse de votre calendrier", "Your calendar's address"},
    {"bookings.mine.renew_warning",
     "Renouveler l'adresse la remplace : l'ancienne cesse de fonctionner partout où vous l'aviez ajoutée.",
     "Renewing the address replaces it: the old one stops working wherever you had added it."},
    {"bookings.mine.renew", "Renouveler l'adresse", "Renew the address"},
    {"bookings.mine.past_heading", "Passées", "Past"},
    {"bookings.mine.past_caption", "Vos réservations des deux derniers mois, de la plus récente à la plus ancienne",
     "Your bookings of the last two months, most recent first"},
    {"bookings.mine.no_past", "Aucune réservation ces deux derniers mois.", "No booking in the last two months."},
    {"bookings.done.reservation", "Votre réservation est enregistrée.", "Your booking is recorded."},
    {"bookings.done.reservation_of", "Votre réservation est enregistrée : {centre}, {when}, {post}.",
     "Your booking is recorded: {centre}, {when}, {post}."},
    {"bookings.done.attente",
     "Vous êtes sur la liste d'attente de cette demi-journée. Si un poste se libère, il vous est réservé et vous "
     "recevez un e-mail.",
     "You are on the waiting list for this half-day. If a desk frees up, it is booked for you and you get an e-mail."},
    {"bookings.done.annulation", "Votre réservation est annulée.", "Your booking is cancelled."},
    {"bookings.done.arrivee", "Votre arrivée est enregistrée. Bonne journée !", "You are checked in. Have a good day!"},
    {"bookings.done.sortie", "Vous avez quitté la liste d'attente.", "You have left the waiting list."},
    {"bookings.done.calendrier", "Votre calendrier a une nouvelle adresse : l'ancienne ne fonctionne plus.",
     "Your calendar has a new address: the old one no longer works."},
    {"bookings.day.heading", "Accueil du jour : {centre}", "Reception day: {centre}"},
    {"bookings.day.crumb", "Accueil du jour", "Reception day"},
    {"bookings.day.nav_label", "Jours", "Days"},
    {"bookings.day.prev", "Jour précédent", "Previous day"},
    {"bookings.day.next", "Jour suivant", "Next day"},
    {"bookings.day.today", "Aujourd'hui", "Today"},
    {"bookings.day.week", "La semaine de ce jour", "This day's week"},
    {"bookings.day.code_label", "Code d'arrivée du jour :", "Today's check-in code:"},
    {"bookings.day.code_hint",
     "Les personnes qui ont réservé le tapent dans « Mes réservations » pour enregistrer leur arrivée.",
     "People who booked type it in “My bookings” to check in."},
    {"bookings.day.caption", "{slot}, {date} : qui est attendu", "{slot}, {date}: who is expected"},
    {"bookings.day.check_in", "Enregistrer l'arrivée", "Record the arrival"},
    {"bookings.day.cancel", "Annuler la réservation", "Cancel the booking"},
    {"bookings.day.reason_label", "Motif de l'annulation", "Reason for cancelling"},
    {"bookings.day.nobody", "Personne n'a réservé cette demi-journée.", "Nobody booked this half-day."},
    {"bookings.day.jump_label", "Aller au jour", "Go to the day"},
    {"bookings.day.jump_submit", "Afficher ce jour", "Show this day"},
    {"bookings.day.done.arrivee", "L'arrivée est enregistrée.", "The arrival is recorded."},
    {"bookings.day.done.annulation", "La réservation est annulée.", "The booking is cancelled."},
    {"bookings.day.forbidden", "La journée d'un télécentre est réservée à son accueil et au conseil départemental.",
     "A telecentre's day is for its hosts and the council only."},
    {"bookings.error.week", "Indiquez la semaine par une de ses dates, au format AAAA-MM-JJ, par exemple 2026-12-01.",
     "Give the week by one of its dates, written YYYY-MM-DD, for example 2026-12-01."},
    {"bookings.error.day", "Saisissez une date réelle au format AAAA-MM-JJ, par exemple 2026-12-01.",
     "Enter a real date written YYYY-MM-DD, for example 2026-12-01."},
    {"bookings.error.cell",
     "Cette demande ne correspond à aucune demi-journée de la grille : rechargez la page et "
     "recommencez.",
     "This request matches no half-day of the grid: reload the page and try again."},
    {"bookings.error.date", "Saisissez une date réelle au format AAAA-MM-JJ, par exemple 2027-01-04.",
     "Enter a real date written YYYY-MM-DD, for example 2027-01-04."},
    {"bookings.error.series_slot", "Choisissez les demi-journées dans la liste.",
     "Choose the half-days from the list."},
    {"bookings.error.series_none", "Cochez au moins une demi-journée.", "Tick at least one half-day."},
    {"bookings.error.series_from_missing", "Saisissez la date de début, au format AAAA-MM-JJ.",
     "Enter the start date, written YYYY-MM-DD."},
    {"bookings.error.series_to_missing", "Saisissez la date de fin, au format AAAA-MM-JJ.",
     "Enter the end date, written YYYY-MM-DD."},
    {"bookings.error.series_order", "La date de fin doit suivre la date de début.",
     "The end date must come after the start date."},
    {"bookings.error.series_long", "Une série couvre au plus {n} jours.", "A series covers {n} days at most."},
    {"bookings.error.series_empty", "Aucune date de cette période ne tombe sur les demi-journées cochées.",
     "No date in this period falls on the half-days ticked."},
    {"bookings.error.code_missing", "Saisissez le code affiché à l'accueil du télécentre aujourd'hui.",
     "Enter the code shown at the telecentre's reception today."},
    {"bookings.error.code_wrong", "Ce code n'est pas celui affiché au télécentre aujourd'hui.",
     "This is not the code shown at the telecentre today."},
    {"bookings.error.reason_missing", "Indiquez le motif de l'annulation : la personne le lira dans ses réservations.",
     "Give the reason for cancelling: the person will read it with their bookings."},
    {"bookings.error.reason_long", "Le motif est trop long : {max} caractères au plus.",
     "The reason is too long: {max} characters at most."},
    // --- end of booking pages ---

    // Errors and other pages
    {"error.404", "Page introuvable", "Page not found"},
    {"error.400", "Requête incorrecte", "Bad request"},
    {"error.405", "Méthode non autorisée", "Method not allowed"},
    {"error.500", "Erreur du serveur", "Server error"},
    {"error.503", "Service momentanément indisponible", "Service temporarily unavailable"},
    {"error.403", "Action refusée", "Action refused"},
    {"error.413", "Formulaire trop long", "Form too long"},
    {"error.other", "Erreur", "Error"},
    {"error.help", "Vous pouvez revenir à l'accueil et lancer une nouvelle recherche.",
     "You can go back to the home page and start a new search."},
    {"error.home_link", "Retour à l'accueil", "Back to the home page"},
    {"accessibility.title", "Déclaration d'accessibilité", "Accessibility statement"},
};

// French spacing: a no-break space after « and before », :, ;, ! and ?.
std::string french_spacing(std::string_view text) {
  static constexpr std::string_view kNbsp = "\u00a0";
  std::string out;
  out.reserve(text.size() + 8);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == ' ' && i + 1 < text.size()) {
      const std::string_view next = text.substr(i + 1);
      if (next.starts_with("»") || next[0] == ':' || next[0] == ';' || next[0] == '!' || next[0] == '?') {
        out += kNbsp;
        continue;
      }
    }
    if (c == ' ' && out.ends_with("«")) {
      out += kNbsp;
      continue;
    }
    out.push_back(c);
  }
  return out;
}

using MessageMap = std::map<std::string, std::string, std::less<>>;

MessageMap build(Lang lang) {
  MessageMap out;
  for (const Message& m : kMessages) {
    if (lang == Lang::Fr || m.en.empty()) {
      out.emplace(std::string(m.key), french_spacing(m.fr));
    } else {
      out.emplace(std::string(m.key), std::string(m.en));
    }
  }
  return out;
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The quality of one Accept-Language entry's parameters (";q=0.8"); 1 when absent, -1 when malformed.
double quality(std::string_view params) {
  while (!params.empty()) {
    const std::size_t semi = params.find(';');
    std::string_view p = trim(params.substr(0, semi));
    params = semi == std::string_view::npos ? std::string_view{} : params.substr(semi + 1);
    if (p.size() >= 2 && (p[0] == 'q' || p[0] == 'Q') && p[1] == '=') {
      p.remove_prefix(2);
      // qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )
      if (p.empty() || (p[0] != '0' && p[0] != '1')) return -1;
      double q = p[0] - '0';
      double scale = 0.1;
      if (p.size() > 1) {
        if (p[1] != '.') return -1;
        for (char c : p.substr(2)) {
          if (c < '0' || c > '9') return -1;
          q += (c - '0') * scale;
          scale /= 10;
        }
      }
      return q > 1 ? -1 : q;
    }
  }
  return 1;
}

}  // namespace

std::string_view code(Lang l) { return l == Lang::En ? "en" : "fr"; }

Lang negotiate_language(std::string_view query_lang, std::string_view accept_language) {
  const std::string q = lower_ascii(trim(query_lang));
  if (q == "en") return Lang::En;
  if (q == "fr") return Lang::Fr;

  // The supported language with the highest quality; on a tie, the one listed first.
  double best_q = 0;
  Lang best = Lang::Fr;
  while (!accept_language.empty()) {
    const std::size_t comma = accept_language.find(',');
    const std::string_view entry = accept_language.substr(0, comma);
    accept_language = comma == std::string_view::npos ? std::string_view{} : accept_language.substr(comma + 1);
    const std::size_t semi = entry.find(';');
    const std::string range = lower_ascii(trim(entry.substr(0, semi)));
    const double qv = semi == std::string_view::npos ? 1.0 : quality(entry.substr(semi + 1));
    const std::string primary = range.substr(0, range.find('-'));
    if (primary != "fr" && primary != "en") continue;
    if (qv > best_q) {
      best_q = qv;
      best = primary == "en" ? Lang::En : Lang::Fr;
    }
  }
  return best;
}

const std::map<std::string, std::string, std::less<>>& messages(Lang lang) {
  static const MessageMap fr = build(Lang::Fr);
  static const MessageMap en = build(Lang::En);
  return lang == Lang::En ? en : fr;
}

std::string_view tr(Lang lang, std::string_view key) {
  const auto& m = messages(lang);
  const auto it = m.find(key);
  return it == m.end() ? key : std::string_view(it->second);
}

}  // namespace tc::web
