//! Unit tests on sentences written for these tests (and the seed article, which may be used).

use super::*;

fn ex(text: &str) -> Vec<Quote> {
    QuoteExtractor::embedded().extract(text, &[])
}

fn spk(q: &Quote) -> &str {
    q.speaker.as_deref().unwrap_or("-")
}

/// The speaker of every quote ("-" for none).
fn speakers(q: &[Quote]) -> Vec<&str> {
    q.iter().map(spk).collect()
}

/// Each text gives no quote of any kind.
fn assert_no_quotes(texts: &[&str]) {
    for t in texts {
        assert!(ex(t).is_empty(), "{t}: {:?}", ex(t));
    }
}

/// (speaker, cue) of every quote, for tests that check both.
fn spk_cue(q: &[Quote]) -> Vec<(&str, Option<&str>)> {
    q.iter().map(|x| (spk(x), x.cue.as_deref())).collect()
}

#[test]
fn seed_article() {
    let text = include_str!("testdata/aliyev-trt-interview.txt");
    let qs = QuoteExtractor::embedded().extract(text, &[]);
    let direct: Vec<&Quote> = qs.iter().filter(|q| q.kind == QuoteKind::Direct).collect();
    let indirect: Vec<&Quote> = qs
        .iter()
        .filter(|q| q.kind == QuoteKind::Indirect)
        .collect();
    for q in &qs {
        eprintln!("{:?} {:?} {:?} {:?}", q.kind, q.speaker, q.cue, q.text);
    }
    assert_eq!(direct.len(), 8);
    assert_eq!(indirect.len(), 4);
    for q in &qs {
        assert_eq!(q.speaker.as_deref(), Some("Ilham Aliyev"), "{}", q.text);
    }
    assert_eq!(
        direct[0].speaker_title.as_deref(),
        Some("Azerbaijani President")
    );
    assert!(direct[0].text.starts_with("\"Armenia was hoping"));
}

#[test]
fn speaker_after_and_reversed() {
    let t = "Jane Porter runs the mill.\n\"We will reopen in May,\" Porter said.\n\"It is too early,\" said Tom Bright, who owns the bakery.";
    let q = ex(t);
    assert_eq!(q.len(), 2);
    assert_eq!(spk(&q[0]), "Jane Porter");
    assert_eq!(spk(&q[1]), "Tom Bright");
    assert_eq!(q[0].text, "\"We will reopen in May,\"");
}

#[test]
fn speaker_before_and_colon() {
    let t = "Mayor Ann Lee said: \"The bridge stays shut.\"\nFrom the council: \"We disagree.\"\nAnd Smith said \"Nothing will change.\"";
    let q = ex(t);
    assert_eq!(q.len(), 3);
    assert_eq!(spk(&q[0]), "Ann Lee");
    assert_eq!(q[0].speaker_title.as_deref(), Some("Mayor"));
    assert_eq!(spk(&q[2]), "Smith");
}

#[test]
fn split_quote_one_speaker() {
    let t = "“The plan is late,” said Maria Gomez, a planner at the agency, “and over budget.”";
    let q = ex(t);
    assert_eq!(q.len(), 2, "{q:?}");
    assert!(q.iter().all(|x| spk(x) == "Maria Gomez"));
}

#[test]
fn apposition_and_pronoun_and_continuation() {
    let t = "Hugh Hill, a doctor at the clinic, said the ward was full.\n“We had no beds left,” he said.\n“Nobody was turned away.”\nKaren Wu disagreed. “It was chaos,” she said.";
    let q = ex(t);
    let d: Vec<&Quote> = q.iter().filter(|x| x.kind == QuoteKind::Direct).collect();
    assert_eq!(d.len(), 3, "{q:?}");
    assert_eq!(spk(d[0]), "Hugh Hill");
    assert_eq!(spk(d[1]), "Hugh Hill");
    assert_eq!(spk(d[2]), "Karen Wu");
    let ind: Vec<&Quote> = q.iter().filter(|x| x.kind == QuoteKind::Indirect).collect();
    assert_eq!(ind.len(), 1);
    assert_eq!(ind[0].text, "the ward was full");
    assert_eq!(spk(ind[0]), "Hugh Hill");
}

#[test]
fn multi_paragraph_quote() {
    let t = "Paul Okafor said:\n“First, we fix the roads.\n“Then we fix the schools.”\nThe meeting ended.";
    let q = ex(t);
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(q[0].text, "“First, we fix the roads.");
    assert!(q.iter().all(|x| spk(x) == "Paul Okafor"));
}

#[test]
fn dash_attribution_and_guillemets_and_german() {
    let t = "\"Rules are rules.\" -Commissioner Lena Berg\nKlaus Meier said: „Wir schaffen das.“\nPierre Roux said: « Nous verrons. »";
    let q = ex(t);
    assert_eq!(q.len(), 3, "{q:?}");
    assert_eq!(spk(&q[0]), "Lena Berg");
    assert_eq!(spk(&q[2]), "Pierre Roux");
}

#[test]
fn indirect_forms() {
    let t = "Senator Ruth Cole told reporters that the vote would be close.\nThe budget is too small, Cole said.\nAccording to Ed Park, the budget was cut twice.\nThe bill is dead, according to the White House.";
    let q = ex(t);
    assert_eq!(q.len(), 4, "{q:?}");
    assert_eq!(q[0].text, "that the vote would be close");
    assert_eq!(spk(&q[0]), "Ruth Cole");
    assert_eq!(q[1].text, "The budget is too small");
    assert_eq!(spk(&q[1]), "Ruth Cole");
    assert_eq!(spk(&q[2]), "Ed Park");
    assert_eq!(spk(&q[3]), "White House");
    assert_eq!(
        q[3].speaker_kind,
        Some(crate::extract::SpeakerKind::Organisation)
    );
}

#[test]
fn mixed_and_scare_quotes() {
    let t = "Dana Fox said the deal was “a total disaster” for farmers.\nThe so-called “reform” passed.";
    let q = ex(t);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].kind, QuoteKind::Mixed);
    assert_eq!(spk(&q[0]), "Dana Fox");
}

#[test]
fn passive_and_tenses() {
    let t = "Omar Said is a banker. Later, Omar Said was quoted as saying that rates would rise soon.\n\"We are ready,\" Bill Grant insists.";
    let q = ex(t);
    assert!(
        q.iter()
            .any(|x| x.kind == QuoteKind::Indirect && spk(x) == "Omar Said"),
        "{q:?}"
    );
    assert!(
        q.iter()
            .any(|x| x.kind == QuoteKind::Direct && spk(x) == "Bill Grant"),
        "{q:?}"
    );
}

#[test]
fn quoted_name_is_not_speaker() {
    let t = "Lisa Ray spoke first.\n“Tell Robert Stone he is wrong,” she said.";
    let q = ex(t);
    assert_eq!(q.len(), 1);
    assert_eq!(spk(&q[0]), "Lisa Ray");
}

#[test]
fn place_is_never_speaker() {
    let t = "“We will respond,” Ruritania said.";
    let p = t.find("Ruritania").unwrap_or(0);
    let q = QuoteExtractor::embedded().extract(t, &[(p, p + 9)]);
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].speaker, None);
}

#[test]
fn no_panics_on_odd_input() {
    let e = QuoteExtractor::embedded();
    for t in [
        "<a",
        "<b é\"ü",
        "<tweet id=\"1\">x</tweet>",
        "",
        "\"",
        "“”",
        "\"\"\"\"",
        "''",
        "”“”“„«»",
        "\n\n\n",
        "é\"ü“ß”",
        "said",
        "he said,",
        ", said",
        "“",
        "a “b",
        "— X",
    ] {
        let _ = e.extract(t, &[]);
    }
    let many = "\" ".repeat(3000) + &"“".repeat(3000) + "x said.";
    let qs = e.extract(&many, &[]);
    for q in qs {
        assert!(many.is_char_boundary(q.start) && many.is_char_boundary(q.end));
    }
    let unmatched = format!("“{}", "word ".repeat(2000));
    let long = format!(
        "{unmatched}\nNext paragraph “is” here.\n{}",
        "Ok. ".repeat(100)
    );
    for q in e.extract(&long, &[]) {
        assert!(!q.text.contains("Next paragraph"));
    }
}

#[test]
fn markup_quotes_are_not_quotes() {
    let t = "<tweet id=\"12\" author=\"@x\">Nice day</tweet>\n“We won,” said Ana Ruiz.";
    let q = ex(t);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(spk(&q[0]), "Ana Ruiz");
    let long = format!("<{}é and more", "a".repeat(598));
    let _ = ex(&long);
    // An attribute value broken by a newline, and a tag named like a speech verb: the tag is
    // no cue, and the tweet after `">` is no quotation.
    assert_no_quotes(&[
        "Trump was mocked.\n\n<tweet tweet-author=\"@tedcruz\" tweet-date=\"January 19, 2016\n\">I love Sarah Palin.</tweet>",
    ]);
}

#[test]
fn that_clause_with_quotation_is_mixed() {
    let t = "Rosa Diaz said that \"the budget is a fraud.\"";
    let q = ex(t);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].kind, QuoteKind::Mixed);
    assert!(q[0].text.starts_with("that"));
    assert_eq!(spk(&q[0]), "Rosa Diaz");
}

#[test]
fn byline_is_never_a_speaker() {
    let t = "By Peter Quill\nThe council met on Monday.\n“We are broke,” he said.";
    let q = ex(t);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].speaker, None);
}

#[test]
fn pronoun_gender_and_surname_canonical() {
    let t = "Maria Lopez met Governor Tom Reed on Friday.\n“The deal is done,” she said.\n“Not yet,” Reed said.\n“Soon,” he added.";
    let q = ex(t);
    assert_eq!(q.len(), 3, "{q:?}");
    assert_eq!(spk(&q[0]), "Maria Lopez");
    assert_eq!(spk(&q[1]), "Tom Reed");
    assert_eq!(q[1].speaker_title.as_deref(), Some("Governor"));
    assert_eq!(spk(&q[2]), "Tom Reed");
}

#[test]
fn nominal_and_organisation_speakers() {
    let t = "President Ana Soto visited the port.\n“Trade will grow,” the president said.\n“We disagree,” the White House said.";
    let q = ex(t);
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(spk(&q[0]), "Ana Soto");
    assert_eq!(spk(&q[1]), "White House");
    assert_eq!(
        q[1].speaker_kind,
        Some(crate::extract::SpeakerKind::Organisation)
    );
}

#[test]
fn reversed_descriptor_and_passive_tense() {
    let t =
        "“It works,” said retired engineer Olga Petrov.\n“It failed,” Petrov had told reporters.";
    let q = ex(t);
    assert_eq!(q.len(), 2, "{q:?}");
    assert!(q.iter().all(|x| spk(x) == "Olga Petrov"), "{q:?}");
}

#[test]
fn fuzz_no_panics_and_char_boundaries() {
    let alphabet: Vec<&str> = vec![
        "\"",
        "“",
        "”",
        "„",
        "«",
        "»",
        "'",
        "’",
        "''",
        "``",
        " ",
        "\n",
        ",",
        ".",
        ":",
        "—",
        "-",
        "said",
        "he",
        "She",
        "Mr.",
        "Ann",
        "Lee",
        "é",
        "ß",
        "日本",
        "(",
        ")",
        "<",
        ">",
        "that",
        "according",
        "to",
        "told",
        "reporters",
        "President",
        "X",
        "z",
    ];
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let e = QuoteExtractor::embedded();
    for _ in 0..1500 {
        let mut t = String::new();
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let n = (seed % 60) as usize;
        for _ in 0..n {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            t.push_str(alphabet[(seed % alphabet.len() as u64) as usize]);
            if seed % 3 == 0 {
                t.push(' ');
            }
        }
        for q in e.extract(&t, &[]) {
            assert!(q.start < q.end && q.end <= t.len());
            assert!(t.is_char_boundary(q.start) && t.is_char_boundary(q.end));
        }
    }
}

#[test]
fn abbreviation_period_inside_attribution() {
    let t = "\"The dam will hold,\" Rita Vance, D-Ore., said. \"We checked it twice.\"";
    let q = ex(t);
    assert_eq!(q.len(), 2);
    assert_eq!(spk(&q[0]), "Rita Vance");
    assert_eq!(spk(&q[1]), "Rita Vance");
}

#[test]
fn descriptor_before_name_after_cue() {
    let t =
        "\"The orchard is thriving,\" said veteran grower Paul Okafor, who farms near the river.";
    let q = ex(t);
    assert_eq!(q.len(), 1);
    assert_eq!(spk(&q[0]), "Paul Okafor");
}

#[test]
fn apposition_before_name_before_cue() {
    let t = "\"We start in March,\" the mill's new director, Ines Marlow, said on Monday.";
    let q = ex(t);
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].kind, QuoteKind::Direct);
    assert_eq!(q[0].text, "\"We start in March,\"");
    assert_eq!(spk(&q[0]), "Ines Marlow");
}

#[test]
fn surname_that_is_also_a_place() {
    let t =
        "Mark Jordan owns the team.\n\"We will win,\" Jordan said.\n\"Talks go on,\" Jordan said.";
    // "Jordan" is a place here; the first sentence introduced it as a person's surname.
    let p1 = t.find("Jordan said").unwrap_or(0);
    let p2 = t.rfind("Jordan said").unwrap_or(0);
    let q = QuoteExtractor::embedded().extract(t, &[(p1, p1 + 6), (p2, p2 + 6)]);
    assert_eq!(q.len(), 2);
    assert_eq!(spk(&q[0]), "Mark Jordan");
    // Without a person of that surname, a place never speaks.
    let t2 = "\"We will win,\" Jordan said.";
    let q2 = QuoteExtractor::embedded().extract(t2, &[(15, 21)]);
    assert_eq!(spk(&q2[0]), "-");
}

#[test]
fn titled_name_colon_lead_in() {
    let t = "Former secretary of state Ada Brennan: \"The levy paid for the school.\"\nThe council thanked Ada Brennan: \"You were right.\"";
    let q = ex(t);
    assert_eq!(spk(&q[0]), "Ada Brennan");
    // A verb before the name: the name is an addressee, not the speaker.
    assert!(q.len() < 2 || spk(&q[1]) != "Ada Brennan" || q[1].cue.as_deref() != Some(":"));
}

#[test]
fn dash_then_name_colon_lead_in() {
    let t = "Estimates of turnout were low - Dana Whitfield: \"The count was slow.\"\nSIGNS OF A SHIFT - More from Whitfield: \"Rural votes came late.\"";
    let q = ex(t);
    assert_eq!(q.len(), 2);
    assert_eq!(spk(&q[0]), "Dana Whitfield");
    assert_eq!(spk(&q[1]), "Dana Whitfield");
}

#[test]
fn paragraph_quote_after_narrative_subject() {
    let t = "Gail Hunter toured the harbour on Friday.\n\"The piers need work before winter.\"\nThe tour ended at noon.";
    let q = ex(t);
    let d: Vec<&Quote> = q.iter().filter(|q| q.kind == QuoteKind::Direct).collect();
    assert_eq!(d.len(), 1);
    assert_eq!(spk(d[0]), "Gail Hunter");
}

#[test]
fn inverted_said_opening_sentence() {
    let t = "The inquiry ended in May. Said Nora Quill, who led it, \"We found no fault.\"";
    let q = ex(t);
    let d: Vec<&Quote> = q.iter().filter(|q| q.kind == QuoteKind::Direct).collect();
    assert_eq!(d.len(), 1);
    assert_eq!(spk(d[0]), "Nora Quill");
}

#[test]
fn no_panic_on_shuffled_fragments() {
    let pieces = [
        "\"",
        "“",
        "”",
        ":",
        ",",
        ".",
        "-",
        "—",
        "Said",
        "said",
        "Former",
        "secretary",
        "of",
        "state",
        "Jordan",
        "R-Ky.",
        "I",
        "He",
        "he",
        "More",
        "from",
        "\n",
        "\n\n",
        " ",
        "Ann Lee",
        "?",
        "(",
        ")",
        "according",
        "to",
        "'s",
        "’s",
        "asked",
        "é",
        "''",
    ];
    let mut x: u64 = 12345;
    for _ in 0..3000 {
        let mut t = String::new();
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let n = (x >> 58) as usize;
        for _ in 0..n {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            t.push_str(pieces[(x >> 33) as usize % pieces.len()]);
            if (x >> 20) % 3 != 0 {
                t.push(' ');
            }
        }
        let places = [(0, t.len().min(6))];
        for q in QuoteExtractor::embedded().extract(&t, &places) {
            assert!(q.start <= q.end && q.end <= t.len());
            assert!(t.is_char_boundary(q.start) && t.is_char_boundary(q.end));
        }
    }
}

#[test]
fn quotation_after_dash_with_cue_after() {
    let t = "Critics were unmoved — \"why would anyone wait?\" asked Lena Ortiz, a council member.";
    let q = ex(t);
    let d: Vec<&Quote> = q.iter().filter(|q| q.kind == QuoteKind::Direct).collect();
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].text, "\"why would anyone wait?\"");
    assert_eq!(spk(d[0]), "Lena Ortiz");
}

#[test]
fn question_then_attribution_with_manner_tail() {
    let t = "Volunteers filled the hall.\n\"Are you with us today?\" Rosa Vell, a retired nurse, said warmly into the phone. \"We need you.\"";
    let q = ex(t);
    let d: Vec<&Quote> = q.iter().filter(|q| q.kind == QuoteKind::Direct).collect();
    assert_eq!(d.len(), 2);
    assert_eq!(spk(d[0]), "Rosa Vell");
    assert_eq!(spk(d[1]), "Rosa Vell");
    assert!(q.iter().all(|q| q.kind == QuoteKind::Direct));
}

#[test]
fn attribution_with_temporal_clause_after_exclamation() {
    let t = "The roll call began.\n\"Our state is proud to cast its votes!\" Senator Amos Reed said as he opened the count. \"All of them.\"";
    let q = ex(t);
    let d: Vec<&Quote> = q.iter().filter(|q| q.kind == QuoteKind::Direct).collect();
    assert_eq!(d.len(), 2);
    assert_eq!(spk(d[0]), "Amos Reed");
    assert_eq!(spk(d[1]), "Amos Reed");
}

#[test]
fn reversed_cue_modifier_role_then_name() {
    let t = "\"The budget is fair,\" said Harlow ally Dean Mercer.\n\"We will see,\" said Harlow on Tuesday.";
    let q = ex(t);
    assert_eq!(q.len(), 2);
    assert_eq!(spk(&q[0]), "Dean Mercer");
    assert_eq!(spk(&q[1]), "Harlow");
}

#[test]
fn reversed_cue_possessor_then_name() {
    let t = "\"The vote is close,\" said Ohio's Mara Kent, a consultant.";
    let q = ex(t);
    assert_eq!(q.len(), 1);
    assert_eq!(spk(&q[0]), "Mara Kent");
}

#[test]
fn organisation_name_with_of() {
    let t = "\"The count is final,\" the Dakota Board of Elections said.\n\"We will ask again,\" Paul Dorn of Fargo said.";
    let q = ex(t);
    assert_eq!(q.len(), 2);
    assert_eq!(spk(&q[0]), "Dakota Board of Elections");
    assert_eq!(spk(&q[1]), "Paul Dorn");
}

#[test]
fn pronoun_skips_a_person_named_in_reported_speech() {
    // "he" is the one who spoke (Pence), not the man his reported clause is about.
    let t = "Mike Pence said Donald Trump will follow a different schedule. \"The returns come after the audit,\" he said.";
    let q = ex(t);
    let d: Vec<&Quote> = q.iter().filter(|q| q.kind == QuoteKind::Direct).collect();
    assert_eq!(d.len(), 1);
    assert_eq!(spk(d[0]), "Mike Pence");
    // "said Smith" still names the speaker.
    let t = "\"We are ready,\" said Tom Reyes. \"The levees will hold,\" he said.";
    let q = ex(t);
    assert!(q.iter().all(|q| spk(q) == "Tom Reyes"), "{q:?}");
}

#[test]
fn participle_cue_takes_the_clause_subject() {
    let t = "Ben Carson spoke in Iowa.\nLater on Sunday, Carson shared a syllabus on his page, writing “Here is the class you claim never existed.”\nCarson ended by saying “Still waiting on the apology.”";
    let q = ex(t);
    assert_eq!(q.len(), 2, "{q:?}");
    assert!(q.iter().all(|x| x.kind == QuoteKind::Direct), "{q:?}");
    assert_eq!(spk(&q[0]), "Ben Carson");
    assert_eq!(spk(&q[1]), "Ben Carson");
}

#[test]
fn quoted_fragment_inside_reported_speech_is_mixed() {
    let t = "Donald Trump skipped the debate.\nAt one point, Trump said Fox executives were calling “every 15 minutes.”";
    let q = ex(t);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].kind, QuoteKind::Mixed);
    assert_eq!(q[0].text, "Fox executives were calling “every 15 minutes.”");
    assert_eq!(spk(&q[0]), "Donald Trump");
}

#[test]
fn unnamed_source_described_with_a_name() {
    let t = "Officials met on Monday.\n\"We will not discuss the documents,\" a State Department official said.\n\"It is the nominee's party,\" said one Trump campaign source.\n\"Nothing has changed,\" the official said.";
    let q = ex(t);
    assert_eq!(q.len(), 3, "{q:?}");
    assert_eq!(spk(&q[0]), "State Department official");
    assert_eq!(q[0].speaker_kind, Some(SpeakerKind::Person));
    assert_eq!(spk(&q[1]), "Trump campaign source");
    // "the official" names nobody: the quote is kept, without a speaker.
    assert_eq!(q[2].text, "\"Nothing has changed,\"");
    assert_eq!(spk(&q[2]), "-");
}

#[test]
fn dateline_is_not_reported_speech() {
    let t = "BAMAKO — Farmers in Mali expect their smallest harvest in a decade, aid groups said on Friday.\nMOSCOW (Reuters) - Grain prices will rise next year, Oleg Petrov, a trader, said.";
    let q = ex(t);
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(
        q[0].text,
        "Farmers in Mali expect their smallest harvest in a decade"
    );
    assert_eq!(q[1].text, "Grain prices will rise next year");
    assert_eq!(spk(&q[1]), "Oleg Petrov");
}

#[test]
fn subjectless_cue_after_gives_way_to_the_one_before() {
    let t = "John Kasich spoke in Ohio.\nKasich cautioned “let’s not get ahead of ourselves,” before optimistically predicting that a contested convention could heal the party.";
    let q = ex(t);
    assert!(!q.is_empty(), "{q:?}");
    assert_eq!(q[0].text, "“let’s not get ahead of ourselves,”");
    assert_eq!(spk(&q[0]), "John Kasich");
}

#[test]
fn title_between_two_parts_keeps_the_speaker() {
    let t = "Lindsey Graham spoke.\n“Kasich would be the best nominee,” Graham said on MSNBC's \"Morning Joe,\" adding, “His problem is he is an insider in an outsider year.”";
    let q = ex(t);
    let direct: Vec<&Quote> = q.iter().filter(|x| x.kind == QuoteKind::Direct).collect();
    assert_eq!(direct.len(), 2, "{q:?}");
    assert_eq!(spk(direct[1]), "Lindsey Graham");
}

#[test]
fn unnamed_source_with_the_name_after_the_role() {
    let t = "Officials met.\n“This is eerily similar to the first debate,” said one longtime adviser to Bill Clinton.";
    let q = ex(t);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(spk(&q[0]), "longtime adviser to Bill Clinton");
}

#[test]
fn signature_line_after_a_quotation_paragraph() {
    let t = "Voters spoke at the rally.\n\"The whole idea of a 'Crooked Hillary' needs to stop.\"\n-Michelle Marks, Philadelphia.\n\"We need a wall that works.\"\nThe crowd cheered for a long time after the speech was over and done.";
    let q = ex(t);
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(spk(&q[0]), "Michelle Marks");
    // The next quotation has no signature of its own (a paragraph of narrative is none) and
    // is not taken to continue the one the signature closed.
    assert_eq!(spk(&q[1]), "-");
}

#[test]
fn quotation_dash_signs_a_testimonial() {
    // The quotation dash (U+2015 horizontal bar) before a name, on the quotation's own line.
    let t = "Readers wrote to us about the debate.\n\u{201c}He represents our greatest shame.\u{201d} \u{2015} Sonya Herridge\n\u{201c}How did we get this low?\u{201d}\u{a0}\u{2015} Jacklyn Ashley\u{a0}\n\u{201c}He is obsessed with Mexico.\u{201d}\u{2015} Esther Tapia.";
    let q = ex(t);
    let got = speakers(&q);
    assert_eq!(
        got,
        ["Sonya Herridge", "Jacklyn Ashley", "Esther Tapia"],
        "{q:?}"
    );
    assert!(q.iter().all(|x| x.kind == QuoteKind::Direct), "{q:?}");
}

#[test]
fn as_someone_put_it() {
    let t = "Sen. John Cornyn and Sen. Mitch McConnell met reporters on Tuesday.\nAs John Cornyn, the No. 2 in the GOP leadership, put it: \"This person will not be confirmed.\"\nOr, as Tom Ridge, a former secretary of homeland security, put it, \"The barbarians are inside.\"\n\"I'll put it this way,\" Mitch McConnell said.\nAs the columnist Dana Milbank puts it, \"Senate Republicans are unmoved.\"";
    let q = ex(t);
    assert_eq!(
        spk_cue(&q),
        [
            ("John Cornyn", Some("put it")),
            ("Tom Ridge", Some("put it")),
            ("Mitch McConnell", Some("said")),
            ("Dana Milbank", Some("puts it"))
        ],
        "{q:?}"
    );
}

#[test]
fn publication_titled_by_a_place_speaks() {
    // "The Atlantic" and "The New Yorker" are places or demonyms to the geoparser; with a
    // capital "The" inside the sentence they are titles, and speak. The ocean never does.
    let t = "Dr. Mehmet Oz spoke on Tuesday about Atlantic storms.\n\"He is the operator,\" The New Yorker wrote in a lengthy expose.\n\"He is a showman,\" wrote The Atlantic.\n\"Storms are coming,\" the Atlantic said.";
    let mut places: Vec<(usize, usize)> = t
        .match_indices("Atlantic")
        .chain(t.match_indices("New Yorker"))
        .map(|(s, w)| (s, s + w.len()))
        .collect();
    places.sort();
    let q = QuoteExtractor::embedded().extract(t, &places);
    let got = speakers(&q);
    assert_eq!(got, ["New Yorker", "Atlantic", "-"], "{q:?}");
}

#[test]
fn adverb_opening_a_sentence_is_never_a_speaker() {
    let t = "President Barack Obama spoke on Monday.\nDomestically, the remarks drew a damning reaction from Obama, who called the nominee unfit.\n“Why are you still endorsing him?” Obama asked Republican politicians.";
    let q = ex(t);
    let direct: Vec<&Quote> = q.iter().filter(|x| x.kind == QuoteKind::Direct).collect();
    assert_eq!(direct.len(), 1, "{q:?}");
    assert_eq!(spk(direct[0]), "Barack Obama");
    assert_eq!(direct[0].cue.as_deref(), Some("asked"));
    assert!(q.iter().all(|x| spk(x) != "Domestically"), "{q:?}");
}

#[test]
fn participle_continues_the_cue_before_it() {
    let t = "Omar Mateen prayed there. Mohamed Nefzi runs the shop.\nMateen left as soon as prayers were finished, Nefzi said, adding, \"He was not very religious.\"";
    let q = ex(t);
    let direct: Vec<&Quote> = q.iter().filter(|x| x.kind == QuoteKind::Direct).collect();
    assert_eq!(direct.len(), 1, "{q:?}");
    assert_eq!(spk(direct[0]), "Mohamed Nefzi");
}

#[test]
fn parenthetical_then_comma_before_the_cue() {
    let t = "Gov. John Kasich (R-OH), said, “I’m getting ready to rent a covered wagon.”";
    let q = ex(t);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(spk(&q[0]), "John Kasich");
}

#[test]
fn capitalised_sentence_opening_is_not_a_name() {
    let t = "The analysts met the aides of the governor.\nAnalysts said the plan would fail.\n\"It will not work,\" Maddow said.";
    let q = ex(t);
    assert_eq!(q.len(), 2, "{q:?}");
    // "Analysts" is written in lower case elsewhere: a common word, not a speaker.
    assert_eq!(spk(&q[0]), "-");
    // A surname the article never writes in lower case stays a speaker.
    assert_eq!(spk(&q[1]), "Maddow");
}

#[test]
fn description_needs_more_than_a_sentence_capital() {
    let t = "Senior officials said the talks would resume. The senior staff left early.\nRepublican officials said the case was closed.";
    let q = ex(t);
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(spk(&q[0]), "-");
    assert_eq!(spk(&q[1]), "Republican officials");
}

#[test]
fn function_word_is_no_noun_phrase_head() {
    let t = "Donald Trump read the interview.\nTrump called on her to resign from her post and said, \"Her mind is shot!\"";
    let q = ex(t);
    let direct: Vec<&Quote> = q.iter().filter(|x| x.kind == QuoteKind::Direct).collect();
    assert_eq!(direct.len(), 1, "{q:?}");
    assert_eq!(spk(direct[0]), "Donald Trump");
}

#[test]
fn headline_run_does_not_become_a_name() {
    let t = "Christie Is Over Marco Rubio\nSen. Marco Rubio spoke in Iowa.\n\"It is a difficult issue,\" said the Florida senator.";
    let q = ex(t);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(spk(&q[0]), "Marco Rubio");
}

#[test]
fn headline_words_are_not_registered_as_a_name() {
    let t = "Whites Rally Again\nMinority Outreach Undone By Trump.\nNorth Carolina RNC member Ada Fisher believes Donald Trump will do well.\n\"I think he will do quite fine,\" she said.";
    let q = ex(t);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(spk(&q[0]), "Ada Fisher");
}

#[test]
fn participle_opening_a_sentence_is_not_a_speaker() {
    let t = "Voters waited for the results.\nAppearing before cheering supporters at the party headquarters, Suu Kyi, 70, said it was too early to congratulate winners but added, \"I think you all have an idea of the results.\"";
    let q = ex(t);
    assert!(!q.is_empty(), "{q:?}");
    assert!(q.iter().all(|x| spk(x) != "Appearing"), "{q:?}");
}

#[test]
fn question_keeps_a_long_attribution_after_it() {
    // The attribution's tail (an object, a manner adverb and a long time phrase) used to
    // make the "?" end the sentence, leaving the question without a speaker.
    let t = "The mayor spoke at length.\n\n\"You think I'm going to change?\" Ann Lee asked reporters rhetorically during a news conference late last month. \"I am who I am.\"";
    let q = ex(t);
    assert_eq!(q.len(), 2);
    assert_eq!(spk(&q[0]), "Ann Lee");
    assert_eq!(spk(&q[1]), "Ann Lee");
    // After a full stop a capitalised sentence with a cue much later is a new sentence.
    let t = "She called the plan “arbitrary.” Josh Hendler, a top Democratic operative, warned on Saturday that it would fail.";
    let q = ex(t);
    let called = q.iter().find(|q| q.text.contains("arbitrary"));
    assert_eq!(called.map(|q| q.kind), Some(QuoteKind::Mixed), "{q:?}");
    assert_ne!(called.map(spk), Some("Josh Hendler"));
}

#[test]
fn participle_after_a_quotation_takes_an_object() {
    // "promising X" after the quotation is not a reversed "said X".
    let t = "Tom Boreing spoke to the club on Monday.\n\nBoreing said the members will still meet, but said, “It’s time we change how we do it,” promising the Friends of Abe will return to its roots.";
    let q = ex(t);
    let d = q.iter().find(|q| q.kind == QuoteKind::Direct);
    assert_eq!(d.map(spk), Some("Tom Boreing"), "{q:?}");
    // "according to" still names its source.
    let t = "“The new material shows the dossiers,” according to Judicial Watch.";
    assert_eq!(ex(t).first().map(spk), Some("Judicial Watch"));
}

#[test]
fn conjunction_before_the_subject_of_a_participle_cue() {
    let t = "Senator Ann Lee spoke in Ohio.\n\nAnd then Lee went fully on the attack, saying, \"Is the governor ever going to resign?\"";
    let q = ex(t);
    assert_eq!(q.first().map(spk), Some("Ann Lee"), "{q:?}");
    // An opening phrase after the conjunction still ends at its comma.
    let t = "Senator Ann Lee spoke in Ohio.\n\nBut to give you the tenor of the talk, Lee went on to boast about his club, “which is a phenomenal place.”";
    let q = ex(t);
    assert_eq!(q.len(), 1);
    assert!(spk(&q[0]).ends_with("Lee"), "{q:?}");
}

#[test]
fn parenthetical_attribution_belongs_to_the_next_clause() {
    let t = "Dan Tripp runs the state campaign.\n\n\"Maybe we're just trying to let the bully learn,\" Tripp said. \"We're trying to show some mercy to the bully.\" South Carolina, he said, was \"where we have a chance.\"";
    let q = ex(t);
    assert!(q.len() >= 3, "{q:?}");
    assert!(q.iter().all(|q| spk(q) == "Dan Tripp"), "{q:?}");
}

#[test]
fn participle_after_a_comma_takes_the_clause_subject() {
    let t = "Bernie Sanders spoke in the city.\n\nHere in Columbia, Sanders stepped up his emphasis on criminal justice, saying, \"We have got to achieve the day.\"\n\nIn Columbia, Sanders stepped up his emphasis on criminal justice, saying, \"We have got to achieve it.\"";
    let q = ex(t);
    assert_eq!(q.len(), 2);
    assert!(q.iter().all(|q| spk(q) == "Bernie Sanders"), "{q:?}");
}

#[test]
fn lone_name_that_speaks_is_a_pronoun_antecedent() {
    // "Bob" is never introduced with a surname; he speaks, so "he said" is his.
    let t = "The base chief, known only as Bob, spoke publicly for the first time.\n\nTwo operators, Glen Doherty and Tyrone Woods, were killed.\n\nBob said he also returned to the base weeks later.\n\n\"I remember every second of it,\" he said.";
    let q = ex(t);
    let d = q.iter().find(|q| q.kind == QuoteKind::Direct);
    assert_eq!(d.map(spk), Some("Bob"), "{q:?}");
    // An adverb between the name and its cue.
    let t = "Donald Trump spoke in Ohio.\n\nCruz openly admitted that his pick was political. “With an eye to February,” he said.";
    let q = ex(t);
    let d = q.iter().find(|q| q.kind == QuoteKind::Direct);
    assert_eq!(d.map(spk), Some("Cruz"), "{q:?}");
    // Reversed: "…,” said Hollande."
    let t = "Donald Trump spoke in Ohio.

“France is strong,” said Hollande.

“She will always be strong,” he added.";
    let q = ex(t);
    assert_eq!(q.len(), 2);
    assert_eq!(spk(&q[1]), "Hollande", "{q:?}");
    // A capitalised sentence opening written in lower case elsewhere still is nobody.
    let t = "Glen Doherty runs the shop.\n\nAnalysts said the shop would close, though few analysts agree.\n\n\"It stays open,\" he said.";
    let q = ex(t);
    let d = q.iter().find(|q| q.kind == QuoteKind::Direct);
    assert_eq!(d.map(spk), Some("Glen Doherty"), "{q:?}");
}

#[test]
fn auxiliary_opening_a_question_is_not_part_of_a_name() {
    // "Does Kasich" must not become the fullest form of the Kasich who spoke before.
    let t = "Notebook\n\nKasich said he would campaign in the state.\n\nDoes Kasich, like the voters here, oppose the plan?\n\n\"I should hope so,\" he said.";
    let q = ex(t);
    assert!(!q.is_empty());
    assert!(q.iter().all(|q| spk(q) == "Kasich"), "{q:?}");
}

#[test]
fn name_after_said_with_its_own_verb_is_reported() {
    let t = "Notebook\n\nDonald Trump toured the state on Friday.\n\nBrian Murphy, the county chairman, for example, said Trump continued to hurt his cause locally. “I don’t think it’s cut well for him,” he said.";
    let q = ex(t);
    let d = q.iter().find(|q| q.kind == QuoteKind::Direct);
    assert_eq!(d.map(spk), Some("Brian Murphy"), "{q:?}");
}

#[test]
fn lone_surname_may_mean_another_person_of_that_name() {
    // "Trump" merges into the latest Trump (Mary); "he" means the other one.
    let t = "Notebook\n\nDonald Trump accepted the nomination on Thursday.\n\nMary Trump introduced her uncle to the delegates.\n\nJohn Podesta, the rival campaign's chairman, spoke to reporters afterwards.\n\nIn every policy realm, Trump vowed to put the country first.\n\n\"Americanism, not globalism, will be our credo,\" he said.";
    let q = ex(t);
    let d = q.iter().find(|q| q.kind == QuoteKind::Direct);
    assert_eq!(d.map(spk), Some("Donald Trump"), "{q:?}");
}

#[test]
fn indefinite_description_is_someone_new() {
    let t = "Notebook\n\n\"How much worse could it get?\" said Republican strategist Al Cardenas.\n\n\"You would have thought the campaign would have spent more,\" said a Democratic strategist who spoke on the condition of anonymity.\n\n\"The facts have not changed,\" said a spokesman for committee Democrats.";
    let q = ex(t);
    assert_eq!(q.len(), 3, "{q:?}");
    assert_eq!(spk(&q[0]), "Al Cardenas");
    assert_eq!(spk(&q[1]), "Democratic strategist");
    assert_eq!(spk(&q[2]), "spokesman for committee Democrats");
}

#[test]
fn noun_after_a_hyphenated_modifier_is_not_a_cue() {
    let t = "Notebook\n\nJeb Bush campaigned in Salem.\n\nBush offered a Trump-style retort on the mogul's favourite medium, tweeting at him, \"you aren't just a loser, you are a liar.\"";
    let q = ex(t);
    assert_eq!(q.first().map(spk), Some("Jeb Bush"), "{q:?}");
}

#[test]
fn participle_names_an_addressee_after_a_time_phrase() {
    // "telling Reuters": Reuters is spoken to; "Hours later" is no subject.
    let t = "Notebook\n\nDonald Trump met Sheldon Adelson on Monday.\n\nHours later, Trump returned the compliment to Adelson, telling Reuters, “Sheldon and I have been friends for a long time.”\n\nLewandowski earlier quashed rumors, tweeting, “I am under a strict agreement.”";
    let q = ex(t);
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(spk(&q[0]), "Donald Trump");
    assert_eq!(spk(&q[1]), "Lewandowski");
}

#[test]
fn possessor_is_not_the_speaker_of_a_named_role() {
    let t = "Notebook\n\n\"We are treating it as one long Election Day,\" said Rubio’s deputy campaign manager, Rich Beeson, who oversaw the ground game.\n\nIowa State University's Dianne Bystrom agreed. \"Mainstream Republicans are running out of time.\"\n\n\"It is about time,\" said the campaign manager, Rich Beeson.";
    let q = ex(t);
    assert_eq!(q.len(), 3, "{q:?}");
    assert!(q.iter().all(|q| q.speaker.is_some()), "{q:?}");
    assert_eq!(spk(&q[0]), "Rich Beeson");
    assert_eq!(spk(&q[1]), "Dianne Bystrom");
    assert_eq!(spk(&q[2]), "Rich Beeson");
}

#[test]
fn party_label_before_the_comma_of_a_subject() {
    let t = "Notebook\n\nAfter winning Ohio, Gov. John Kasich (R-OH), said, “I’m getting ready to rent a covered wagon.”";
    let q = ex(t);
    assert_eq!(q.first().map(spk), Some("John Kasich"), "{q:?}");
}

#[test]
fn adjective_before_a_name_is_no_verb() {
    // "a confident-seeming Manafort bragged": Manafort is the subject, not an object.
    let t = "Notebook\n\nPaul Manafort took over from Corey Lewandowski in June.\n\nLewandowski left quietly.\n\nIn an interview in late May, a confident-seeming Manafort bragged about his success. “This is not a hard race,” he said.";
    let q = ex(t);
    let d = q.iter().find(|q| q.kind == QuoteKind::Direct);
    assert_eq!(d.map(spk), Some("Paul Manafort"), "{q:?}");
}

#[test]
fn unnamed_sources_close_to_or_familiar_with_a_name() {
    let t = "Notebook\n\n\"The drop is directly attributable to the emails,\" said a person close to the Clintons.\n\n\"We have a ton of work to do,\" said a longtime adviser to both Clintons, who spoke on condition of anonymity.\n\n\"We have work to do,\" said a source familiar with the Trump campaign.";
    let q = ex(t);
    assert_eq!(q.len(), 3, "{q:?}");
    assert_eq!(spk(&q[0]), "person close to the Clintons");
    assert_eq!(spk(&q[1]), "longtime adviser to both Clintons");
    assert_eq!(spk(&q[2]), "source familiar with the Trump campaign");
}

#[test]
fn person_before_an_organisation_in_an_apposition_chain() {
    let t = "Notebook\n\nAlixandria Lapp, executive director of the House Majority PAC, a Democratic super PAC, said she thinks Republicans \"are going to be dragged down.\"";
    let q = ex(t);
    assert!(!q.is_empty());
    assert!(q.iter().all(|q| spk(q) == "Alixandria Lapp"), "{q:?}");
}

#[test]
fn apposition_missing_its_closing_comma() {
    let t = "Notebook\n\nAnthony Anton, president and CEO of Washington Restaurant Association stated, “It’s not a political problem; it’s a math problem.”";
    let q = ex(t);
    assert_eq!(q.first().map(spk), Some("Anthony Anton"), "{q:?}");
}

#[test]
fn remembered_is_a_cue() {
    let t = "Notebook\n\n\"She took it upon herself to prove them wrong,\" remembered Roy Verley, the company's former spokesman.";
    let q = ex(t);
    assert_eq!(q.first().map(spk), Some("Roy Verley"), "{q:?}");
}

#[test]
fn quotation_after_an_abbreviation_or_left_open_after_a_sentence() {
    let t = "Notebook\n\n“Her role in fracking is not a good record,” Sanders said at a rally in Binghamton, N.Y. “Her department worked to export fracking throughout the world.”\n\n“Trump says the things people want to say,” Rubio said. “But presidents can’t just say anything they want.\n\n“It has consequences around the world.”";
    let q = ex(t);
    assert_eq!(q.len(), 5, "{q:?}");
    assert_eq!(spk(&q[1]), "Sanders");
    assert!(q[3].text.starts_with("“But presidents"));
    assert_eq!(spk(&q[3]), "Rubio");
    assert_eq!(spk(&q[4]), "Rubio");
}

#[test]
fn hyphenated_title_is_split_from_the_name() {
    let t = "Notebook\n\n“He is a candidate unlike any we have seen,” said Post Editor-in-Chief Martin Baron.";
    let q = ex(t);
    assert_eq!(q.first().map(spk), Some("Martin Baron"), "{q:?}");
}

#[test]
fn statement_before_a_quotation_names_its_author() {
    let t = "Notebook\n\nImmediately after the attacks, Trump issued a statement, “Last night, our nation was attacked.”";
    let q = ex(t);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(spk(&q[0]), "Trump");
    assert_eq!(q[0].kind, QuoteKind::Direct);
}

#[test]
fn sentence_opening_words_that_are_never_names_do_not_speak() {
    let t = "Notebook\n\nNevertheless said nothing of the plan. Eleven organizations said they would sue. Reached for comment, Lockheed said nothing.\n\n\"We will see,\" said Lockheed.";
    let q = ex(t);
    assert!(
        q.iter()
            .all(|q| !matches!(spk(q), "Nevertheless" | "Eleven" | "Reached")),
        "{q:?}"
    );
    // A company whose name ends in -ed still speaks.
    assert!(q.iter().any(|q| spk(q) == "Lockheed"), "{q:?}");
}

#[test]
fn a_description_before_the_cue_keeps_its_head() {
    // The aide is not Jeb Bush; the spokesman is not the Pentagon.
    let t = "Notebook\n\nJeb Bush spoke in Iowa. \"The facts haven't changed,\" an aide to Jeb Bush said.\n\nA spokesman for the Pentagon said the review would take weeks.\n\n\"We have work to do,\" a source close to the Clintons said.";
    let q = ex(t);
    assert_eq!(q.len(), 3, "{q:?}");
    assert_eq!(spk(&q[0]), "aide to Jeb Bush");
    assert_eq!(spk(&q[1]), "spokesman for the Pentagon");
    assert_eq!(q[1].kind, QuoteKind::Indirect);
    assert_eq!(spk(&q[2]), "source close to the Clintons");
}

#[test]
fn an_opening_participle_is_not_the_subject() {
    let t = "Notebook\n\nStanding beside the mayor on Monday, Maria Ortiz said the ruling was fair but added, \"We will appeal the fine.\"\n\nPressed on the timing, Ortiz promised, \"It will be soon.\"";
    let q = ex(t);
    let d: Vec<&Quote> = q.iter().filter(|q| q.kind == QuoteKind::Direct).collect();
    assert_eq!(d.len(), 2, "{q:?}");
    assert_eq!(spk(d[0]), "Maria Ortiz");
    assert_eq!(spk(d[1]), "Maria Ortiz");
}

#[test]
fn a_cue_word_used_as_a_noun_is_no_earlier_cue() {
    // "an Instagram comment": Instagram is no speaker; the participle takes the clause subject.
    let t = "Notebook\n\nMayor Ann Kirby left an Instagram comment under the photo, saying, \"Well done, team!\"";
    let q = ex(t);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(spk(&q[0]), "Ann Kirby");
}

#[test]
fn weak_cues_right_after_a_quotation() {
    // "charged", "posted" attribute only in this tight shape; "hit" after a quote still not.
    let t = "Notebook\n\nThe debate turned sharp.\n\n“You have called voters lazy and foolish,” Kelly charged in her opening question.\n\n“Sorry, you should have said it sooner!” posted Sharon Geyer.\n\n“The tax plan,” Smith hit hard on Monday, was a failure.\n\n“This is fantastic!” beamed Dora Hartley of Madison.";
    let q = ex(t);
    let d: Vec<&Quote> = q.iter().filter(|q| q.kind == QuoteKind::Direct).collect();
    assert_eq!(spk(d[0]), "Kelly", "{q:?}");
    assert_eq!(spk(d[1]), "Sharon Geyer", "{q:?}");
    assert!(
        d.iter().all(|q| !q.text.starts_with("“The tax plan")),
        "{q:?}"
    );
    let last = d.iter().find(|q| q.text.starts_with("“This is fantastic"));
    assert_eq!(last.map(|q| spk(q)), Some("Dora Hartley"), "{q:?}");
}

#[test]
fn attribution_with_a_colon_after_a_full_stop_leads_in_the_next_quotation() {
    let t = "Notebook\n\nHillary Clinton spoke on Monday.\n\nIn the spring, Clinton proclaimed at a press conference, “I did not email any classified material.” Her spokesman Nick Merrill added: “She knows the requirements.”";
    let q = ex(t);
    assert_eq!(
        spk_cue(&q),
        [
            ("Hillary Clinton", Some("proclaimed")),
            ("Nick Merrill", Some("added"))
        ],
        "{q:?}"
    );
}

#[test]
fn delegate_abbreviation_is_a_title() {
    let t = "Panel\n\nThe House panel met on Tuesday.\n\n\"This is a waste of time,\" said Del. Stacey Plaskett of the Virgin Islands.\n\n\"I love monsters,\" Guillermo del Toro said.\n\n\"It was a hit,\" said Del Shannon.";
    let q = ex(t);
    let got = speakers(&q);
    assert_eq!(
        got,
        ["Stacey Plaskett", "Guillermo del Toro", "Del Shannon"],
        "{q:?}"
    );
    assert_eq!(q[0].speaker_title.as_deref(), Some("Del."), "{q:?}");
}

#[test]
fn a_number_with_separators_is_one_word() {
    // "9/11" as three tokens cut the descriptor off from the name.
    let t = "Veto\n\nThe president vetoed the bill on Friday.\n\n“His rationales don’t hold weight,” said 9/11 widow Terry Strada.\n\n“We will not stop,” 9/11 widow Terry Strada said on Monday.";
    let q = ex(t);
    let got = speakers(&q);
    assert_eq!(got, ["Terry Strada", "Terry Strada"], "{q:?}");
}

#[test]
fn a_nickname_inside_a_name_is_not_a_quotation() {
    let t = "Rally\n\nBobby Scott spoke in Richmond.\n\n\"This is a big year for our senator!\" Scott's niece, state Del. Marcia \"Cia\" Price, shouted to the crowd.";
    let q = ex(t);
    assert_eq!(q.len(), 1, "{q:?}");
    assert!(q[0].text.starts_with("\"This is a big year"), "{q:?}");
}

#[test]
fn a_convention_is_not_the_person_a_pronoun_means() {
    let t = "Speech\n\nOne of the central claims of President Barack Obama’s speech to the Democratic National Convention does not stand up to scrutiny.\n\nHe told his audience: “There has never been a man more qualified.”";
    let q = ex(t);
    assert_eq!(
        q.iter().map(spk).collect::<Vec<_>>(),
        ["Barack Obama"],
        "{q:?}"
    );
}

#[test]
fn a_name_with_a_role_in_apposition_is_a_person() {
    // "Reince" is no known first name; the role after the comma says he is a person.
    let t = "Convention\n\nTed Cruz wants a contested convention.\n\nReince Priebus, the GOP chairman, this past week announced a website about the process.\n\n“It is a tool for voters,” he said.";
    let q = ex(t);
    let d: Vec<&Quote> = q.iter().filter(|x| x.kind == QuoteKind::Direct).collect();
    assert_eq!(d.len(), 1, "{q:?}");
    assert_eq!(spk(d[0]), "Reince Priebus", "{q:?}");
}

#[test]
fn a_name_in_a_clause_reported_by_any_speech_verb_is_not_the_antecedent() {
    let t = "Debate\n\nBernie Sanders leads in New Hampshire.\n\nOhio Gov. John Kasich, a presidential contender, predicted at the debate that Republicans will win if Sanders wins the nomination.\n\n\"That's not even an issue,\" he said to applause.\n\nWhile Hillary Clinton pledged to work with both parties, Sanders insisted that change will come only with a revolution. \"Nothing real will happen,\" he said.";
    let q = ex(t);
    let d: Vec<&str> = q
        .iter()
        .filter(|x| x.kind == QuoteKind::Direct)
        .map(spk)
        .collect();
    assert_eq!(d, ["John Kasich", "Bernie Sanders"], "{q:?}");
}

#[test]
fn a_place_before_a_known_surname_is_not_part_of_the_name() {
    // The place is no part of the name, so the canonical speaker stays "Bernie Sanders"
    // rather than becoming "New Hampshire Sanders"; "Rush Limbaugh" keeps his first name.
    let t = "Canvassing\n\nBernie Sanders spoke in Concord.\n\nTom Giancola, a fellow New Hampshire Sanders veteran, explained the plan.\n\n\"We will win,\" Sanders said.\n\nRush Limbaugh disagreed. \"No chance,\" Limbaugh said.";
    let places = [
        (
            t.find("New Hampshire").unwrap_or(0),
            t.find("New Hampshire").unwrap_or(0) + 13,
        ),
        (t.find("Rush").unwrap_or(0), t.find("Rush").unwrap_or(0) + 4),
    ];
    let q = QuoteExtractor::embedded().extract(t, &places);
    let d: Vec<&str> = q
        .iter()
        .filter(|x| x.kind == QuoteKind::Direct)
        .map(spk)
        .collect();
    assert_eq!(d, ["Bernie Sanders", "Rush Limbaugh"], "{q:?}");
}

#[test]
fn a_place_that_is_also_a_first_name_stays_in_the_run() {
    // "Washington" opens a name as often as it names a place: "Washington Monument" is not
    // cut to a lone "Monument" that a pronoun could then mean.
    let t = "Museum\n\nPresident Barack Obama toured the museum near the Washington Monument on Saturday.\n\nThe museum stands beside the Washington Monument.\n\n“We will walk away in love with this country,” he said.";
    let w = t.match_indices("Washington").map(|(s, w)| (s, s + w.len()));
    let q = QuoteExtractor::embedded().extract(t, &w.collect::<Vec<_>>());
    assert_eq!(
        q.iter().map(spk).collect::<Vec<_>>(),
        ["Barack Obama"],
        "{q:?}"
    );
}

#[test]
fn interviewer_verbs_right_after_a_question() {
    let t = "Notebook\n\nSean Hannity interviewed Donald Trump and Glenn Beck.\n\n“Would it be negotiable about the 11 million?” Hannity pressed.\n\n“What was the massive pivot point?” Beck questioned.\n\n“They had a conversation with you in January,” Hannity started.";
    let q = ex(t);
    let got = speakers(&q);
    assert_eq!(got, ["Sean Hannity", "Glenn Beck", "Sean Hannity"], "{q:?}");
}

#[test]
fn an_attributed_quotation_inside_parentheses() {
    let t = "Notebook\n\nThe crowd booed. (“I don’t want a fight,” said Tom Smith.)\n\nMembers objected (\"I want my dues back,\" wrote Edna Nolan, a technician in Ohio) but the union stood firm.";
    let q = ex(t);
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(q[0].text, "“I don’t want a fight,”");
    assert_eq!(spk(&q[0]), "Tom Smith");
    assert_eq!(q[1].text, "\"I want my dues back,\"");
    assert_eq!(q[1].kind, QuoteKind::Direct);
    assert_eq!(spk(&q[1]), "Edna Nolan");
}

#[test]
fn a_name_after_a_description_is_a_subject_not_an_object() {
    // "Democratic consultant Omar Reyes" opens the sentence: the later "he" is Reyes.
    let t = "Notebook\n\nGeorge Miller won the seat in 1992.\n\nDemocratic consultant Omar Reyes, who ran three campaigns in the state, saw the same trend. “Voters are tired of waiting,” he said.";
    let q = ex(t);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(spk(&q[0]), "Omar Reyes");
}

#[test]
fn ever_since_opens_an_adverbial() {
    let t = "Notebook\n\nEver since Dana Whitfield announced her candidacy last year, she's said the same thing at every stop: \"It's not about me, it's about us.\"";
    let q = ex(t);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(spk(&q[0]), "Dana Whitfield");
}

#[test]
fn a_name_before_said_is_a_subject_even_after_a_lower_case_word() {
    // "freeholder" is in no word list; "said" right after the name makes it the subject.
    let t = "Notebook\n\nMayor Tom Sweeny spoke first.\n\nCounty freeholder Ernest Coursey said the strike was fair. “All of the properties have gone downhill,” he said.";
    let q = ex(t);
    let d: Vec<&Quote> = q.iter().filter(|q| q.kind == QuoteKind::Direct).collect();
    assert_eq!(d.len(), 1, "{q:?}");
    assert_eq!(spk(d[0]), "Ernest Coursey");
}

#[test]
fn a_person_in_apposition_to_a_described_subject() {
    let t = "Notebook\n\nPaul Grady built the firm.\n\nHis longtime deputy at the firm, Nora Whitcomb, called him a genius at deals. \"He could close anything.\"";
    let q = ex(t);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(spk(&q[0]), "Nora Whitcomb");
}

#[test]
fn a_name_with_an_age_in_apposition_is_a_person() {
    // "Franson" is no known first name; ", 18," says the name is a person's.
    let t = "Notebook\n\nSen. Mark Hollis courted young voters, who are split.\n\nFranson Morrow, 18, from Lee County, disagrees. \"I could say I identify as anything,\" he says.";
    let q = ex(t);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(spk(&q[0]), "Franson Morrow");
}

#[test]
fn a_surname_read_as_a_place_still_mentions_its_person() {
    // The geoparser may keep "Obama" (a Japanese town) in an article that names Japan; the
    // surname of a person the article introduced is still a mention of that person.
    let t = "Notebook\n\nPrime Minister Shinzo Abe welcomed President Barack Obama in Tokyo, Japan.\n\nObama praised the deal. “We will stand together,” he said.";
    let s = t.rfind("Obama").unwrap_or(0);
    let q = QuoteExtractor::embedded().extract(t, &[(s, s + 5)]);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(spk(&q[0]), "Barack Obama");
}

#[test]
fn told_after_an_apposition_names_the_one_told() {
    // ", told MSNBC that …" is not a reversed attribution: MSNBC was told.
    let t = "Notebook\n\nAnother ally of the mayor, Housing Secretary Ann Delgado, told MSNBC that the report suggested an effort to hurt the mayor before the vote.";
    let q = ex(t);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(spk(&q[0]), "Ann Delgado");
    assert!(q[0].text.starts_with("that the report suggested"), "{q:?}");
}

#[test]
fn two_titles_joined_by_and_before_the_name() {
    let t = "Notebook\n\n\"We will carry the state,\" said former Ohio Gov. and Senate candidate Ted Strickland.";
    let q = ex(t);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(spk(&q[0]), "Ted Strickland");
}

#[test]
fn a_participle_after_a_written_document_takes_the_clause_subject() {
    let t = "Notebook\n\nAdvocacy Group President Lena Ortiz issued a statement saying the remark \"has no place in our politics.\"\n\nMayor Tom Reyes sent a letter arguing that the plan was illegal.";
    let q = ex(t);
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(spk(&q[0]), "Lena Ortiz");
    assert_eq!(spk(&q[1]), "Tom Reyes");
}

#[test]
fn a_counted_time_phrase_opens_an_adverbial() {
    let t = "Notebook\n\nThe Rev. Carl Sims backed the mayor in 2008.\n\nEight years ago, he supported the mayor over Clinton and said, “She has never done anything for us.”";
    let q = ex(t);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(spk(&q[0]), "Carl Sims");
}

#[test]
fn a_person_of_a_town_and_state_before_the_cue() {
    let t = "Notebook\n\nDana Price of Dayton, Ohio says she thinks the senator can still win the state.";
    let q = ex(t);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(spk(&q[0]), "Dana Price");
}

#[test]
fn opening_time_phrase_is_not_what_was_said() {
    // Before an attribution, "Less than 30 minutes later," says when, not what; a lead-in
    // that is a clause ("The market is saturated,") still is reported speech.
    let t = "Scarborough retweeted the message.\nLess than 30 minutes later, Trump wrote, \"I hear Joe is pushing hard.\"\nA year later, Mr. Obama called Naghmeh Abedini at home.\nThe market is saturated, Smith said, \"and we will cut jobs.\"\nLater, Jones said, the plan was dead.\nThe plan is dead, Jones wrote on Monday.";
    let q = ex(t);
    let got: Vec<(QuoteKind, &str, &str)> = q
        .iter()
        .map(|x| (x.kind, spk(x), x.text.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (
                QuoteKind::Direct,
                "Trump",
                "\"I hear Joe is pushing hard.\""
            ),
            (QuoteKind::Indirect, "Smith", "The market is saturated"),
            (QuoteKind::Direct, "Smith", "\"and we will cut jobs.\""),
            (QuoteKind::Indirect, "Jones", "the plan was dead"),
            (QuoteKind::Indirect, "Jones", "The plan is dead"),
        ],
        "{q:?}"
    );
}

#[test]
fn declining_to_comment_reports_nothing() {
    let t = "Clinton's attorney, David Kendall, declined to comment.\nCuriel, who through his office declined to comment, was born in East Chicago.";
    let q = ex(t);
    assert!(q.is_empty(), "{q:?}");
}

#[test]
fn a_name_after_a_preposition_is_an_object_not_the_speaker() {
    // "…, recalled numerous telephone calls with Trump": Trump is who was called, so what
    // comes before the comma (the real subject, in apposition) is not reported speech. After
    // "said" a descriptor may hold a preposition before the name ("master of ceremonies").
    let t = "Marvin Roffman met Trump in 1990.\nRoffman, a securities analyst for the firm, recalled numerous telephone calls with Trump.\n\"Thanks for coming,\" said master of ceremonies Asab Al-Tabchi, a Syrian engineer.";
    let q = ex(t);
    let got: Vec<(QuoteKind, &str)> = q.iter().map(|x| (x.kind, spk(x))).collect();
    assert_eq!(got, [(QuoteKind::Direct, "Asab Al-Tabchi")], "{q:?}");
}

#[test]
fn a_cue_word_inside_a_noun_compound_is_a_noun() {
    // "the jobs report", "a campaign pledge": not "report" or "pledge" as verbs. A plural
    // subject without a determiner still reports ("Officials report that …").
    let t = "Bill McInturff, a pollster for NBC, sounded a cautious note about the jobs report.\nHe made a campaign pledge on Monday.\nOfficials report that the bridge is closed.";
    let q = ex(t);
    let got: Vec<&str> = q.iter().map(|x| x.text.as_str()).collect();
    assert_eq!(got, ["that the bridge is closed"], "{q:?}");
}

#[test]
fn exclamation_then_a_name_in_apposition_and_a_long_tail() {
    // After "!" or "?" the attribution may run on ("said of the swirl of …"); the name may
    // carry a short apposition before the cue. A name that is not set off by commas and
    // runs on to a verb is a new sentence.
    let t = "The museum waived its fee, according to spokesman Todd Mesek.\n\"Perpetual motion!\" Rep. Glenn Thompson, R-Pa., said of the swirl of convention activities.\nChildren yell \"eminent domain!\" A campaign TV ad released Thursday accuses Trump of lying.";
    let q = ex(t);
    let direct: Vec<(&str, &str)> = q
        .iter()
        .filter(|x| x.kind == QuoteKind::Direct)
        .map(|x| (x.text.as_str(), spk(x)))
        .collect();
    assert_eq!(
        direct[0],
        ("\"Perpetual motion!\"", "Glenn Thompson"),
        "{q:?}"
    );
    assert!(direct.iter().all(|&(_, s)| s != "campaign TV"), "{q:?}");
}

#[test]
fn a_quotation_may_end_with_an_abbreviation_or_the_pronoun_i() {
    // "I." and "U.S." keep their period as one word; it still ends the quoted sentence, so
    // the short quotation standing alone after an attributed one is direct.
    let t = "Mary Stone watched the vote. “Nobody saw this coming,” Stone said. “Neither did I.”\n\
             “We build here,” said Tom Price. “It is all made in the U.S.”";
    let q = ex(t);
    let texts: Vec<&str> = q.iter().map(|x| x.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "“Nobody saw this coming,”",
            "“Neither did I.”",
            "“We build here,”",
            "“It is all made in the U.S.”"
        ],
        "{q:?}"
    );
    assert_eq!(spk(&q[1]), "Mary Stone");
    assert_eq!(spk(&q[3]), "Tom Price");
}

#[test]
fn a_possessors_relative_or_lawyer_speaks_for_themselves() {
    // "Trump's lawyer said" is the lawyer, not Trump; a spokeswoman or a campaign speaks for
    // the possessor.
    let t = "Donald Trump arrived late.\n“We will appeal,” Trump's lawyer said on Monday.\n\
             “We are done,” Trump's spokeswoman said.\n“It never ends,” Trump's campaign said.";
    let q = ex(t);
    assert_eq!(
        speakers(&q),
        ["Trump's lawyer", "Donald Trump", "Donald Trump"],
        "{q:?}"
    );
}

#[test]
fn state_before_a_title_is_no_cue() {
    // "state Del." and "state Sen." name an office; the verb is the one after the name.
    let t = "“Welcome, senator!” state Del. Marcia Price shouted to the crowd.\n\
             Her colleague, state Sen. Jane Roe, said the vote was close.";
    let q = ex(t);
    assert_eq!(spk_cue(&q)[0], ("Marcia Price", Some("shouted")), "{q:?}");
    assert!(q.iter().all(|x| x.cue.as_deref() != Some("state")), "{q:?}");
}

#[test]
fn a_clause_after_the_comma_is_no_trailing_attribution() {
    // A relative or subordinate clause, or a verb with an object, after the comma does not
    // report what precedes it; "…, the senator who leads the panel said" still does.
    assert_no_quotes(&[
        "She has assumed a newly created role, in which she advises the president.",
        "Whether the debate helps her is an open question, though one soon to be answered.",
        "One after another, mining companies, including Patriot, declared bankruptcy.",
    ]);
    let q = ex("The plan will fail, the senator who leads the panel said.");
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].text, "The plan will fail");
}

#[test]
fn idioms_and_time_clauses_report_nothing() {
    assert_no_quotes(&[
        "It goes without saying that raising taxes is anathema to them.",
        "Needless to say, the vote was close.",
        "That was what Liz Wahl said when she resigned from the network.",
    ]);
    // "when" after a refusal asks a question: that is reported.
    let q = ex("Don Stewart wouldn't say when the Senate will vote.");
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].text, "when the Senate will vote");
}

#[test]
fn a_relative_clause_lead_in_is_no_reported_speech() {
    // "…, who joked of the museum, “…”": the words before the relative clause are no one's
    // reported speech; the quotation still is Stevie Wonder's.
    let t = "The ceremony featured celebrities like Patti LaBelle and Stevie Wonder, who joked \
             of the museum, “I haven't seen it yet, but I'm going to.”";
    let q = ex(t);
    assert!(q.iter().all(|x| x.kind == QuoteKind::Direct), "{q:?}");
    assert_eq!(q.len(), 1, "{q:?}");
}

#[test]
fn a_title_case_quotation_after_an_attributed_one_goes_on_with_its_voice() {
    // Standing alone after an attributed quotation in its paragraph, a short title-case
    // quotation is more of the same speech, not the title of a work.
    let t = "Mary Stone waited by the stage.\n\n“Here comes Big Daddy,” Stone said, clapping. \
             “The Donald. Big Daddy.”\n\nThe crowd cheered.";
    let q = ex(t);
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(q[1].text, "“The Donald. Big Daddy.”");
    assert_eq!(speakers(&q), ["Mary Stone", "Mary Stone"]);
    // Without a voice before it, the same quotation is still a title.
    assert_no_quotes(&["The crowd cheered.\n\n“The Donald. Big Daddy.”\n\nThen it rained."]);
}

#[test]
fn the_show_it_was_said_on_is_no_content() {
    // A quoted show after "said on" or "told" is where the words were said, not the words.
    let q = ex("Jones said on ABC's \"This Week\" that he would \"take a look\" at the bill.");
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].text, "that he would \"take a look\" at the bill");
    let q = ex("Jones told ABC’s “Good Morning America” on Monday the tone was cordial.");
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].text, "the tone was cordial");
    let q = ex("\"He is fair game,\" Fiorina told \"Fox and Friends,\" reminding the hosts.");
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].text, "\"He is fair game,\"");
    assert_eq!(spk(&q[0]), "Fiorina");
}

#[test]
fn a_person_of_a_long_named_body_speaks() {
    // The subject is a person, then the body they belong to, too long for a plain subject.
    let t = "\"Building a staged weapon would be a challenge,\" Jeffrey Lewis of the James \
             Martin Center for Nonproliferation Studies wrote in a blog post.";
    let q = ex(t);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(spk_cue(&q), [("Jeffrey Lewis", Some("wrote"))]);
}

#[test]
fn called_with_a_name_after_it_names_and_reports_nothing() {
    assert_no_quotes(&[
        "This problem would have belonged to Patriot Coal, which ran the mine, built near a \
         meandering mountain stream called Miracle Run.",
        "His nonprofit group, called the Virginia Conservation Legacy Fund, will still own it.",
    ]);
    // After a quotation it is still a shout.
    let q = ex("Tom Bright ran to the door. \"Wait for me!\" called Bright.");
    assert_eq!(spk_cue(&q), [("Tom Bright", Some("called"))]);
}

#[test]
fn a_present_tense_cue_ending_an_attribution_is_no_noun() {
    // "the ad states" after a quotation is a verb; "the battleground states." is a noun.
    let q = ex("“She is strong enough,” a voice-over in the ad states. “She will stand up.”");
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(q[0].cue.as_deref(), Some("states"));
    assert_no_quotes(&[
        "People close to her camp want to drive up turnout in the battleground states.",
        "Often, Mr. Biden interrupted himself, as if bantering with his own notes.",
    ]);
}

#[test]
fn a_sung_line_is_quoted_speech() {
    let q = ex(
        "In Just the Way You Are, Billy Joel sings, \"Don't go changing to try and please me.\"",
    );
    assert_eq!(spk_cue(&q), [("Billy Joel", Some("sings"))]);
    let q = ex("As the Rainmakers sang back in the 1980s, \"They'll turn us all into beggars.\"");
    assert_eq!(spk_cue(&q), [("Rainmakers", Some("sang back"))]);
}

#[test]
fn a_name_after_the_cue_that_starts_a_clause_is_what_was_said() {
    // After an apposition, "said Trump will …" reports a clause about Trump; "said Ari
    // Fleischer, a former press secretary" is still a reversed attribution.
    let q = ex("One of the authors, Ari Fleischer, said Trump will test their conclusions.");
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].text, "Trump will test their conclusions");
    assert_eq!(spk(&q[0]), "Ari Fleischer");
    let q = ex("Michael Hanlon, an expert at the institute, says Libya’s crisis is the worst.");
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].text, "Libya’s crisis is the worst");
    let q = ex("The plan will fail, said Ari Fleischer, a former press secretary.");
    assert_eq!(spk_cue(&q), [("Ari Fleischer", Some("said"))]);
    assert_eq!(q[0].text, "The plan will fail");
}

#[test]
fn a_plural_noun_opening_the_sentence_reports() {
    // "Officials said …": a subject capitalised only because it opens the sentence.
    for (t, content) in [
        ("Officials said the plan would fail.", "the plan would fail"),
        (
            "Critics said he was playing a spoiler.",
            "he was playing a spoiler",
        ),
    ] {
        let q = ex(t);
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].text, content);
        assert_eq!(q[0].kind, QuoteKind::Indirect);
    }
    assert_no_quotes(&["Thomas said of the killer."]);
}

#[test]
fn a_determined_common_noun_is_a_subject() {
    // "The organizers said …", "Some of the women said …" report; the object of a
    // preposition ("its view of the world says …") is no subject.
    for (t, content) in [
        (
            "The organizers said they don't know how many will come.",
            "they don't know how many will come",
        ),
        (
            "Some of the women said they had spoken out at hearings.",
            "they had spoken out at hearings",
        ),
    ] {
        let q = ex(t);
        assert_eq!(q.len(), 1, "{t}: {q:?}");
        assert_eq!(q[0].text, content);
    }
    assert_no_quotes(&["A channel built for forwarding its view of the world says something."]);
}

#[test]
fn the_name_of_a_work_is_no_quotation() {
    // After "called" or "her memoir,", a title-case quotation names a work.
    assert_no_quotes(&[
        "A group of comedians is performing a popular play called \"Los Hijos de Trump,\" in \
         Mexico City.",
        "Fiorina was adamant, she recalled in her memoir, \"Tough Choices.\"",
    ]);
}

#[test]
fn a_relative_clause_reports_for_its_antecedent() {
    // "…, who said …": the antecedent speaks; inside a subject the main clause reports.
    let q = ex("Trump was out-brutalizing Ted Cruz, who said he would only use it sparingly.");
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].text, "he would only use it sparingly");
    assert_eq!(spk(&q[0]), "Ted Cruz");
    let q =
        ex("John Podesta, who said the project was vetted, said he was unaware of any dispute.");
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].text, "he was unaware of any dispute");
    assert_eq!(spk(&q[0]), "John Podesta");
}

#[test]
fn an_object_pronoun_after_the_cue_is_no_clause() {
    assert_no_quotes(&[
        "Nonetheless, I write this because I am acquainted with those who are not sensible.",
        "Facebook found the posting, reported it to the F.B.I., and removed it on Thursday.",
    ]);
}

#[test]
fn a_noun_phrase_after_a_participle_is_no_clause() {
    // After "emphasizing", a noun phrase whose first verb is in a relative clause is an
    // object; "saying the majority wanted …" is a clause.
    assert_no_quotes(&[
        "The campaign should target ethnic voters, emphasizing the fundamental threat to \
         their homelands that a Trump presidency would constitute.",
    ]);
    let q = ex(
        "Mr. Trump defended the annexation, saying the majority of people there wanted \
                to be part of Russia.",
    );
    assert_eq!(q.len(), 1, "{q:?}");
}

#[test]
fn a_surname_alone_is_the_person_named_last_before_it() {
    // The fullest form of a name is found among earlier mentions of the same gender: "Clinton
    // said" after "Hillary Clinton" is not the "Bill Clinton" named further down, and "Mr.
    // Obama" is never "Michelle Obama".
    let t = "Hillary Clinton spoke in Ohio. \"We will win,\" Clinton said.\n\n\
             Mr. Obama joined her. \"It's about me,\" Mr. Obama said.\n\n\
             Bill Clinton and Michelle Obama will campaign next week.";
    let q = ex(t);
    assert_eq!(speakers(&q), ["Hillary Clinton", "Obama"]);
}

#[test]
fn a_long_opening_subordinate_phrase_is_skipped_to_the_subject() {
    let t = "With Democratic leaders increasingly worried about a lack of passion for the \
             ticket among young black voters, President Barack Obama is rolling out a new \
             and more personal campaign message: \"It's about me.\"";
    let q = ex(t);
    assert_eq!(speakers(&q), ["Barack Obama"]);
}

#[test]
fn a_dated_dateline_is_no_reported_speech() {
    // Reuters opens with "CITY, Mon DD - ": the place and date are not what was said.
    let q = ex(
        "LOS ANGELES, Feb 26 - BankAmerica Corp is not under pressure to act quickly, \
                banking analysts said.",
    );
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(
        q[0].text,
        "BankAmerica Corp is not under pressure to act quickly"
    );
}

#[test]
fn a_quoted_nickname_is_part_of_the_name() {
    // The nickname's marks quote nothing, and the name runs across them to the surname.
    let t = "In Casper, the campaign sent Gov. C.L. \"Butch\" Otter, an early endorser.\n\n\
             Juan \"Chico\" Manriquez of Oakland carried one of the photos. \"I pretty much \
             cried the whole parade,\" he said.\n\n\
             “I will return,” Joaquín “El Chapo” Guzmán said.";
    let q = ex(t);
    assert_eq!(
        speakers(&q),
        ["Juan \"Chico\" Manriquez", "Joaquín “El Chapo” Guzmán"],
        "{q:?}"
    );
    // A quoted word between lower-case words is still a quotation.
    let q = ex("He called it \"Big\" and left, Smith said.");
    assert!(q.iter().any(|x| x.text.contains("\"Big\"")), "{q:?}");
}

#[test]
fn a_role_in_apposition_before_the_cue_leaves_the_name_the_subject() {
    // Wire copy: "…, NAME, role, said." The role is no subject, and the name is no content.
    let q = ex("Phillips will pare its debt, John Silas, chairman, said in an interview.");
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(
        (q[0].text.as_str(), spk(&q[0])),
        ("Phillips will pare its debt", "John Silas")
    );
    let q = ex(
        "Sanders is tapping into something, Simon Rosenberg, a Clinton supporter, told \
                the New Yorker.",
    );
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(spk(&q[0]), "Simon Rosenberg", "{q:?}");
}

#[test]
fn the_one_told_is_never_the_speaker() {
    // "told X" never puts its subject after the verb: X is who heard it.
    let q = ex("Phillips will pare its debt, Pete Silas, its chairman, told Reuters.");
    assert_eq!(speakers(&q), ["Pete Silas"], "{q:?}");
    assert!(ex("Prices will rise, told Reuters.").is_empty());
}

#[test]
fn a_described_person_with_a_relative_clause_speaks() {
    let q = ex(
        "“The agents are under a lot of pressure,” an intelligence source, who was not \
                authorized to speak on the record, told Fox News.",
    );
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].cue.as_deref(), Some("told"), "{q:?}");
    assert_eq!(q[0].speaker, None, "{q:?}");
}

#[test]
fn a_weak_cue_after_a_described_speaker_or_before_an_apposition() {
    // Weak cues ("retaliated", "riffed", "exhorted") need a speaker right next to them: a
    // determiner may open it, and a possessive role may precede the name in apposition.
    let t = "Trump spoke first.\n\n\
             “France will always be France,” an angry Hollande retaliated.\n\n\
             \"Let me help you out,\" the Republican nominee riffed on the clip.\n\n\
             \"It's about time,\" exhorted Clinton's introducer, actress Jamie Lee Curtis.";
    let q = ex(t);
    assert_eq!(
        spk_cue(&q),
        [
            ("Hollande", Some("retaliated")),
            ("Republican nominee", Some("riffed")),
            ("Jamie Lee Curtis", Some("exhorted"))
        ],
        "{q:?}"
    );
}

#[test]
fn a_surname_that_is_a_common_word_speaks_after_a_quotation() {
    // "Read" and "From" are words that never start a name, except as the surname of a
    // person the article named in full.
    let t = "Pfizer chief executive Ian Read spoke on Monday. \"We assessed it,\" Read said.\n\n\
             Al From founded the council. \"People point the finger at Wall Street,\" From said.\n\n\
             \"We lost,\" Some said.";
    let q = ex(t);
    assert_eq!(speakers(&q), ["Ian Read", "Al From", "-"], "{q:?}");
}

#[test]
fn a_conjunction_opening_the_sentence_opens_what_was_said() {
    let q = ex(
        "And they also discovered thousands of messages her lawyers had not returned, \
                he said.",
    );
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(
        q[0].text,
        "And they also discovered thousands of messages her lawyers had not returned"
    );
    // A conjunction before something that opens no clause is still no content.
    assert!(ex("And in the end, he said.").is_empty());
}

#[test]
fn a_that_after_a_clause_has_begun_is_no_complementiser() {
    // What was said starts right after the cue when a clause begins before any "that"; a
    // "that" after an addressee or a time is still the complementiser.
    let content = |t: &str| ex(t).first().map(|q| q.text.clone()).unwrap_or_default();
    assert_eq!(
        content("Kopachko said Manafort envisioned an approach that exploited divisions."),
        "Manafort envisioned an approach that exploited divisions"
    );
    assert_eq!(
        content("Experts said the latest nuclear test could change that."),
        "the latest nuclear test could change that"
    );
    assert_eq!(
        content("Sullivan says he is satisfied that there was no disclosure."),
        "he is satisfied that there was no disclosure"
    );
    assert_eq!(
        content("Ryan was telling reporters in May that he was not there yet."),
        "that he was not there yet"
    );
    assert_eq!(
        content("Jealous told The Huffington Post before he spoke that he backed her."),
        "that he backed her"
    );
}

#[test]
fn a_name_and_its_apposition_opening_the_sentence_are_the_subject() {
    // The comma before the cue closes the apposition: the name after the cue is the start
    // of what was said, not a reversed attribution.
    let q = ex(
        "Chris Collins, a Trump supporter, said Trump campaign strategists plan to \
                secure enough delegates.",
    );
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(
        (q[0].text.as_str(), spk(&q[0])),
        (
            "Trump campaign strategists plan to secure enough delegates",
            "Chris Collins"
        )
    );
    // After a clause, the name after the cue is still the speaker.
    let q = ex("Prices will rise sharply, said John Smith, an analyst.");
    assert_eq!(speakers(&q), ["John Smith"], "{q:?}");
}

#[test]
fn a_plural_subject_after_an_opening_conjunction_and_each_side() {
    let content = |t: &str| ex(t).first().map(|q| q.text.clone()).unwrap_or_default();
    assert_eq!(
        content("But Democrats said there are good reasons to go to the convention."),
        "there are good reasons to go to the convention"
    );
    assert_eq!(
        content("But opponents say the wage increase will push companies to leave."),
        "the wage increase will push companies to leave"
    );
    assert_eq!(
        content("Each side said the other would be responsible."),
        "the other would be responsible"
    );
}

#[test]
fn an_aside_between_dashes_after_the_cue_is_skipped() {
    let q = ex("Manafort said — on Twitter, as it happens — that Trump raised $4 million.");
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].text, "that Trump raised $4 million");
}

#[test]
fn questions_put_to_someone_are_reported_speech() {
    // The one asked, and when, are no part of the question; a passive "asked" names the
    // asker after "by", and a sentence opening with "Asked …," goes on to report the answer.
    let q = ex("Todd asked Pence on Sunday whether that would happen before the election.");
    assert_eq!(spk_cue(&q), [("Todd", Some("asked"))], "{q:?}");
    assert_eq!(q[0].text, "whether that would happen before the election");
    let q = ex("Ryan used the same words when asked in May if he would endorse Trump.");
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(
        (q[0].text.as_str(), spk(&q[0])),
        ("if he would endorse Trump", "-")
    );
    let q = ex("Sanders was asked by host John Dickerson whether his aim was the same.");
    assert_eq!(speakers(&q), ["John Dickerson"], "{q:?}");
    let q = ex(
        "Asked why he had not endorsed Clinton, Sanders said he was waiting for the \
                convention.",
    );
    let texts: Vec<&str> = q.iter().map(|x| x.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "why he had not endorsed Clinton",
            "he was waiting for the convention"
        ],
        "{q:?}"
    );
}

#[test]
fn according_to_a_source_named_by_a_common_noun() {
    let q = ex(
        "Ted Cruz has won the Wisconsin Republican primary, according to three \
                television networks.",
    );
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(
        (q[0].text.as_str(), spk(&q[0])),
        ("Ted Cruz has won the Wisconsin Republican primary", "-")
    );
    let q = ex("According to state law, no one may solicit votes within 150 feet of a poll.");
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(
        q[0].text,
        "no one may solicit votes within 150 feet of a poll"
    );
    // A name closing the phrase is the source.
    let q = ex(
        "Mrs. Clinton leads Mr. Trump by three points, according to the average of \
                recent polls compiled by Real Clear Politics.",
    );
    assert_eq!(speakers(&q), ["Real Clear Politics"], "{q:?}");
}

#[test]
fn a_relative_clause_gap_opens_what_was_said_with_its_verb() {
    let content = |t: &str| ex(t).first().map(|q| q.text.clone()).unwrap_or_default();
    assert_eq!(
        content(
            "Students had to use the bathroom of their birth sex, which critics said was \
                 discriminatory against them."
        ),
        "was discriminatory against them"
    );
    assert_eq!(
        content("She has the kind of job that many economists say is the future in America."),
        "is the future in America"
    );
    // Without a relative pronoun before the subject, a verb right after the cue is no clause.
    assert!(ex("The critics said was discriminatory against them.").is_empty());
}

#[test]
fn a_subordinate_or_conjunction_opening_before_an_interrupting_attribution() {
    let texts = |t: &str| -> Vec<String> { ex(t).into_iter().map(|q| q.text).collect() };
    assert_eq!(
        texts("If the law conflicts with God's orders, Rubio said, Christians must ignore it."),
        [
            "If the law conflicts with God's orders",
            "Christians must ignore it"
        ]
    );
    assert_eq!(
        texts(
            "But the point of sanctions is to get people to comply, Hennessey said, and \
               with Clinton gone that is moot."
        ),
        ["But the point of sanctions is to get people to comply"]
    );
}

#[test]
fn a_title_case_headline_reports_speech() {
    let q = ex(
        "Trump Says He Never Pledged To Kill Family Members Of Terrorists.\n\n\
                Donald Trump said on Wednesday that he never made such a pledge.",
    );
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(
        (q[0].text.as_str(), spk(&q[0])),
        (
            "He Never Pledged To Kill Family Members Of Terrorists",
            "Donald Trump"
        )
    );
    let q = ex("Clinton Hid Past Health Problems From Public, Former White House Doctor Says.");
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].text, "Clinton Hid Past Health Problems From Public");
    // A capitalised "Said" before a comma in a headline introduces no content.
    assert!(
        ex("After Trump Heard What His Nemesis Just Said, He Instantly Unleashes On Twitter.")
            .is_empty()
    );
}

#[test]
fn a_capitalised_participle_inside_a_name_is_no_cue() {
    // "Reporting" in a law's name introduces nothing; "Adding," opening a sentence does, also
    // right after a quotation that ended the sentence before.
    assert_no_quotes(&[
        "She sponsored the 2014 reauthorization of the Death in Custody Reporting Act, \
         requiring state and local police to tell the federal government about deaths.",
    ]);
    let q = ex(
        "Maher said the report “wasn’t good.” Adding, “Now, like with all Clinton \
                scandals, what they actually did was worse.”",
    );
    assert!(
        q.iter()
            .any(|x| x.cue.as_deref() == Some("Adding") && x.text.starts_with("“Now")),
        "{q:?}"
    );
}

#[test]
fn an_opening_phrase_and_comma_before_the_clause_are_part_of_what_was_said() {
    let q = ex(
        "In Ohio, the turnout was the second highest in a primary, election officials \
                said.",
    );
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(
        q[0].text,
        "In Ohio, the turnout was the second highest in a primary"
    );
    // A phrase with no clause after its comma reports nothing.
    assert!(ex("In Ohio, in the spring, officials said.").is_empty());
}

#[test]
fn a_gerund_may_open_what_was_said() {
    let content = |t: &str| ex(t).first().map(|q| q.text.clone()).unwrap_or_default();
    assert_eq!(
        content("The businessman says running for president is tough and mean."),
        "running for president is tough and mean"
    );
    // A participle after the cue is no gerund subject, nor is a noun in "-ing".
    assert_eq!(
        content("Manafort said, adding that he would hold similar events."),
        "that he would hold similar events"
    );
    assert!(!content(
        "Clinton told a Planned Parenthood gathering in Washington she will protect it."
    )
    .starts_with("gathering"));
}
