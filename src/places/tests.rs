//! Behaviour tests on sentences written for them (no corpus text), plus the seed article.

use super::*;

fn g() -> &'static Geoparser {
    Geoparser::embedded()
}

/// (text as written, canonical name, country code)
fn found(text: &str) -> Vec<(String, String, String)> {
    g().find(text)
        .into_iter()
        .map(|p| (p.text, p.name, p.country_code))
        .collect()
}

fn texts(text: &str) -> Vec<String> {
    g().find(text).into_iter().map(|p| p.text).collect()
}

fn place<'a>(ps: &'a [Place], written: &str) -> Option<&'a Place> {
    ps.iter().find(|p| p.text == written)
}

#[test]
fn empty_and_garbage_inputs_do_not_panic() {
    assert!(g().find("").is_empty());
    let junk = "\u{0}\u{1}\u{fffd}é\u{301}ß東京 -- ,, ''' \u{2019}s ..... U. S";
    let _ = g().find(junk);
    let big: String = "Paris, Texas. Mobile said. ".repeat(2000);
    let ps = g().find(&big);
    for p in &ps {
        assert!(big.is_char_boundary(p.start) && big.is_char_boundary(p.end));
    }
    let bytes: Vec<u8> = (0u8..=255).cycle().take(5000).collect();
    let _ = g().find(&String::from_utf8_lossy(&bytes));
}

#[test]
fn offsets_are_bytes_and_spans_match_text() {
    let t = "Le maire de Montréal a visité Québec et São Paulo.";
    for p in g().find(t) {
        assert_eq!(&t[p.start..p.end], p.text);
    }
    assert_eq!(texts(t), vec!["Montréal", "Québec", "São Paulo"]);
}

#[test]
fn accents_are_folded_both_ways() {
    let ps = g().find("Flights from Montreal and Bogota were delayed.");
    assert_eq!(ps.len(), 2);
    assert_eq!(ps[0].name, "Montréal");
    assert_eq!(ps[1].name, "Bogotá");
}

#[test]
fn possessive_is_not_part_of_the_span() {
    assert_eq!(
        texts("Russia's army and Turkey’s drones."),
        vec!["Russia", "Turkey"]
    );
}

#[test]
fn demonyms_resolve_to_the_country() {
    let f =
        found("The Azerbaijani President praised Turkish drones while French officials objected.");
    let names: Vec<&str> = f.iter().map(|x| x.1.as_str()).collect();
    assert_eq!(names, vec!["Azerbaijan", "Turkey", "France"]);
}

#[test]
fn abbreviations_and_former_names() {
    let f = found("U.S. and U.K. officials met in Bombay and Kiev; later the US envoy flew on.");
    let written: Vec<&str> = f.iter().map(|x| x.0.as_str()).collect();
    assert_eq!(written, vec!["U.S.", "U.K.", "Bombay", "Kiev", "US"]);
    assert_eq!(f[0].2, "US");
    assert_eq!(f[2].1, "Mumbai");
    assert_eq!(f[3].2, "UA");
    // "us" the pronoun is not the country
    assert!(texts("Tell us more about it.").is_empty());
}

#[test]
fn state_abbreviations_after_a_comma() {
    let ps = g().find("She moved to Fresno, Calif., and later to Albany, N.Y., for work.");
    let w: Vec<&str> = ps.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(w, vec!["Fresno", "Calif.", "Albany", "N.Y."]);
    assert_eq!(ps[2].admin1.as_deref(), Some("New York"));
}

#[test]
fn multiword_and_hyphenated_names() {
    assert_eq!(
        texts("Fighting resumed in Nagorno-Karabakh while New York City slept."),
        vec!["Nagorno-Karabakh", "New York City"]
    );
}

#[test]
fn city_state_pair_picks_the_contained_city() {
    let ps = g().find("The festival in Paris, Texas, drew a crowd.");
    let paris = place(&ps, "Paris").map(|p| (p.country_code.clone(), p.admin1.clone()));
    assert_eq!(paris, Some(("US".into(), Some("Texas".into()))));
}

#[test]
fn article_context_moves_ambiguous_names() {
    let t = "Storms hit Texas on Sunday. Officials in Dallas and Tyler said roads near Paris were closed.";
    let ps = g().find(t);
    let paris = place(&ps, "Paris").map(|p| p.admin1.clone());
    assert_eq!(paris, Some(Some("Texas".into())));
    let ps = g().find("Paris hosted the summit; Lyon and Marseille sent delegates.");
    assert_eq!(
        place(&ps, "Paris").map(|p| p.country_code.as_str()),
        Some("FR")
    );
}

#[test]
fn georgia_follows_its_neighbours() {
    let ps = g().find("Protesters gathered in Tbilisi as Georgia prepared for elections.");
    assert_eq!(
        place(&ps, "Georgia").map(|p| p.kind),
        Some(PlaceKind::Country)
    );
    let ps = g().find("Traffic in Atlanta and Savannah slowed as Georgia braced for the storm.");
    assert_eq!(
        place(&ps, "Georgia").map(|p| (p.kind, p.country_code.as_str())),
        Some((PlaceKind::Admin1, "US"))
    );
}

#[test]
fn people_named_like_places_are_dropped() {
    assert!(texts("Michael Jordan scored and Mr. Warren agreed.").is_empty());
    assert!(texts("Paris Hilton arrived late.").is_empty());
    assert!(texts("Sen. Jackson voted no.").is_empty());
    // a surname once seen with a first name stays a person
    assert_eq!(
        texts("Detective Tom Houston arrived. Houston then left."),
        Vec::<String>::new()
    );
}

#[test]
fn town_as_speech_subject_is_a_person() {
    assert!(texts("\"We will win,\" Tyler said.").is_empty());
    // but a country that "said" something is still the country (metonymy)
    assert_eq!(texts("China said it would retaliate."), vec!["China"]);
}

#[test]
fn common_word_places_need_place_context() {
    assert!(texts("Nice work. Reading is fun. Split the bill in March.").is_empty());
    let ps = g().find("The ship docked in Mobile, Alabama, on Friday.");
    assert_eq!(ps.first().map(|p| p.text.as_str()), Some("Mobile"));
    let ps = g().find("Croatia welcomed tourists. The ferry from Split was full.");
    assert_eq!(
        place(&ps, "Split").map(|p| p.country_code.as_str()),
        Some("HR")
    );
}

#[test]
fn datelines_count_as_places() {
    let ps = g().find("MOSCOW (Reuters) - The ministry said talks would go on.");
    assert_eq!(ps.first().map(|p| p.name.as_str()), Some("Moscow"));
    let ps = g().find("WASHINGTON — Lawmakers returned on Monday.");
    assert_eq!(ps.first().map(|p| p.country_code.as_str()), Some("US"));
}

#[test]
fn hierarchy_is_filled_for_cities_and_admin1() {
    let ps = g().find("Houston and Texas.");
    let h: Vec<Vec<String>> = ps.iter().map(|p| p.hierarchy()).collect();
    assert_eq!(h[0], vec!["United States", "Texas", "Houston"]);
    assert_eq!(h[1], vec!["United States", "Texas"]);
}

const SEED: &str = "\"Armenia was hoping to get Russia's support but Russia acted appropriately and chose to not choose sides, and it has been neutral on the issue since,\" Azerbaijani President Ilham Aliyev said Monday, speaking about recent tensions in the contested Nagorno-Karabakh region during an interview with Turkey\u{2019}s state broadcaster TRT.\n\"Smear campaigns against Azerbaijan continue unabated. Armenian lobbies all around the globe are trying their best to slander us,\" he said.\n\"French President Emmanuel Macron made some allegations against us in a phone call, and I demanded that he prove them.\"";

#[test]
fn seed_article_places() {
    let ps = g().find(SEED);
    let got: Vec<(&str, &str)> = ps
        .iter()
        .map(|p| (p.text.as_str(), p.name.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("Armenia", "Armenia"),
            ("Russia", "Russia"),
            ("Russia", "Russia"),
            ("Azerbaijani", "Azerbaijan"),
            ("Nagorno-Karabakh", "Nagorno-Karabakh"),
            ("Turkey", "Turkey"),
            ("Azerbaijan", "Azerbaijan"),
            ("Armenian", "Armenia"),
            ("French", "France"),
        ]
    );
}

#[test]
fn load_is_fast() {
    let t = std::time::Instant::now();
    let gz = Geoparser::new(GAZETTEER_TSV);
    assert!(gz.gaz.entries.len() > 38_000);
    // generous bound for unoptimised test builds on a shared machine
    assert!(t.elapsed().as_secs_f64() < 5.0);
}

#[test]
fn counties_take_the_article_state() {
    let t = "Deputies in Laurel County said the fire near London, Kentucky, was out.";
    let ps = g().find(t);
    let c = place(&ps, "Laurel County").map(|p| (p.admin1.clone(), p.country_code.clone()));
    assert_eq!(c, Some((Some("Kentucky".into()), "US".into())));
}

#[test]
fn streets_and_rivers_are_places_of_the_local_town() {
    let t = "Crews closed Darby Street in Columbus, Ohio, and boats left the Scioto River docks.";
    let ps = g().find(t);
    let w: Vec<&str> = ps.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(w, vec!["Darby Street", "Columbus", "Ohio", "Scioto River"]);
    assert_eq!(ps[0].admin1.as_deref(), Some("Ohio"));
    // "The Street" alone is not a name
    assert!(texts("The Street was quiet.").is_empty());
}

#[test]
fn acronym_after_a_number_is_not_a_place() {
    assert!(texts("The temple was built in 300 BC by settlers.").is_empty());
    assert_eq!(
        texts("Officials in Victoria, BC, agreed."),
        vec!["Victoria", "BC"]
    );
}

#[test]
fn republic_of_and_non_us_states() {
    assert_eq!(
        texts("the Embassy of the Republic of Armenia opened"),
        vec!["Republic of Armenia"]
    );
    assert_eq!(
        texts("Clashes in Borno State continued."),
        vec!["Borno State"]
    );
}

#[test]
fn small_us_towns_need_their_state_named() {
    let ps = g().find("Volunteers from Chiefland drove to Gainesville, Florida, on Sunday.");
    let c = place(&ps, "Chiefland").map(|p| p.admin1.clone());
    assert_eq!(c, Some(Some("Florida".into())));
    assert!(texts("Volunteers from Chiefland arrived on Sunday.").is_empty());
}

#[test]
fn a_surname_with_a_first_name_is_a_person_everywhere() {
    let t = "Michael Jordan scored 40. Later Jordan said the team played well.";
    assert!(texts(t).is_empty());
}

#[test]
fn a_comma_inside_a_name_only_when_the_gazetteer_writes_it() {
    assert_eq!(
        texts("Murals in Washington, D.C., drew crowds."),
        vec!["Washington, D.C."]
    );
    assert_eq!(
        texts("A fair in Paris, Texas, drew crowds."),
        vec!["Paris", "Texas"]
    );
}

#[test]
fn a_big_town_beats_a_smaller_admin1_of_its_name() {
    let ps = g().find("Talks resumed in Hanoi on Monday.");
    let p = ps.first().map(|p| (p.kind, (p.lat * 10.0).round() / 10.0));
    assert_eq!(p, Some((PlaceKind::City, 21.0)));
    // but a state bigger than its namesake city stays the state
    let ps = g().find("Voters in New York backed the plan.");
    assert_eq!(ps.first().map(|p| p.kind), Some(PlaceKind::Admin1));
}

#[test]
fn a_big_us_city_beats_its_small_namesake() {
    let ps = g().find("Fans from Mississippi cheered as Louisville won the game.");
    let p = place(&ps, "Louisville").map(|p| p.admin1.clone());
    assert_eq!(p, Some(Some("Kentucky".into())));
}

#[test]
fn a_demonym_after_a_first_name_is_a_surname() {
    // "Mark Cuban" and "Monica French" are people; the surname speaking later is one too,
    // while the demonym before a noun stays the country's.
    let t = "Investor Mark Cuban met officials in Ohio. Cuban said the deal was fair. Cuban officials disagreed. Spokeswoman Monica French declined to comment.";
    assert_eq!(texts(t), vec!["Ohio", "Cuban"]);
    let ps = g().find(t);
    assert_eq!(ps[1].start, t.find("Cuban officials").unwrap_or(0));
}

#[test]
fn a_small_foreign_town_needs_context() {
    // "Obama" is a Japanese town of 30,000: alone in a story about the White House it is no
    // place; a town placed by one of its mentions counts at all of them.
    assert!(texts("The Obama administration defended its record on Tuesday.").is_empty());
    assert_eq!(
        texts("The festival in Bicester drew crowds. Bicester shops stayed open late."),
        vec!["Bicester", "Bicester"]
    );
    assert_eq!(
        texts("Flooding hit Obama and Tsuruga, two towns on the coast of Japan."),
        vec!["Obama", "Tsuruga", "Japan"]
    );
}

#[test]
fn a_small_foreign_region_needs_its_country() {
    // Jersey's parish of St John, Papua New Guinea's Gulf province, New Zealand's West Coast:
    // in a story that never names their country they are words, not places.
    assert_eq!(
        texts("Storms along the West Coast closed St. John Church and shipping in the Gulf."),
        Vec::<String>::new()
    );
    assert_eq!(
        texts("Floods hit the West Coast of New Zealand and Gulf province in Papua New Guinea."),
        vec!["West Coast", "New Zealand", "Gulf", "Papua New Guinea"]
    );
}

#[test]
fn a_name_whose_reading_is_near_certain_gives_context() {
    // "Virginia" is also a South African town, so it is not unambiguous; but its state
    // reading wins by far on the prior alone, so it still tells that "Alexandria" is the
    // Virginia city, not Egypt's.
    let ps = g().find(
        "When Alexandria police found the body inside a Van Dorn Street apartment, they called \
         in investigators from elsewhere in Virginia.",
    );
    let a = place(&ps, "Alexandria").expect("Alexandria found");
    assert_eq!(
        (a.country_code.as_str(), a.admin1.as_deref()),
        ("US", Some("Virginia"))
    );
}
