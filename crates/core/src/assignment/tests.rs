use super::*;
use proptest::prelude::*;

fn upload(n: u8) -> UploadId {
    UploadId::parse(&format!("0f8fad5b-d9cb-469f-a165-70867728950{:x}", n % 16)).unwrap()
}

fn file(n: u8, name: &str, media_type: &str, size_bytes: u64) -> SubmittedFile {
    SubmittedFile {
        upload_id: upload(n),
        file_name: name.into(),
        media_type: media_type.into(),
        size_bytes,
    }
}

fn rules() -> AssignmentRules {
    AssignmentRules {
        text: true,
        files: Some(FileRules {
            max_files: 2,
            max_file_bytes: 1_000,
            accepted_types: vec!["application/pdf".into(), "image/*".into()],
        }),
    }
}

#[test]
fn text_or_files_within_the_rules_are_taken() {
    assert_eq!(check_submission(&rules(), "My journal", &[]), Ok(()));
    let files = [
        file(1, "night-1.png", "image/png", 1_000),
        file(2, "notes.pdf", "application/pdf; charset=binary", 10),
    ];
    assert_eq!(check_submission(&rules(), "", &files), Ok(()));
}

#[test]
fn each_broken_rule_is_named() {
    let r = rules();
    assert_eq!(
        check_submission(&r, "  ", &[]),
        Err(SubmissionProblem::Empty)
    );
    let too_many = [
        file(1, "a.png", "image/png", 1),
        file(2, "b.png", "image/png", 1),
        file(3, "c.png", "image/png", 1),
    ];
    assert_eq!(
        check_submission(&r, "", &too_many),
        Err(SubmissionProblem::TooManyFiles { max: 2, got: 3 })
    );
    assert!(matches!(
        check_submission(&r, "", &[file(1, "big.png", "image/png", 1_001)]),
        Err(SubmissionProblem::FileTooLarge {
            size_bytes: 1_001,
            ..
        })
    ));
    assert!(matches!(
        check_submission(&r, "", &[file(1, "run.exe", "application/x-msdownload", 1)]),
        Err(SubmissionProblem::TypeRefused { .. })
    ));
    assert!(matches!(
        check_submission(&r, "", &[file(1, "x", "", 1)]),
        Err(SubmissionProblem::TypeRefused { .. })
    ));
    for bad_name in ["../etc/passwd", "a\\b", "", "..", " padded", "bell\u{7}"] {
        assert_eq!(
            check_submission(&r, "", &[file(1, bad_name, "image/png", 1)]),
            Err(SubmissionProblem::BadFileName),
            "{bad_name:?}"
        );
    }
    let twice = [
        file(1, "a.png", "image/png", 1),
        file(1, "a.png", "image/png", 1),
    ];
    assert_eq!(
        check_submission(&r, "", &twice),
        Err(SubmissionProblem::DuplicateFile)
    );
    let text_only = AssignmentRules {
        text: true,
        files: None,
    };
    assert_eq!(
        check_submission(&text_only, "", &[file(1, "a.png", "image/png", 1)]),
        Err(SubmissionProblem::FilesNotTaken)
    );
    let files_only = AssignmentRules {
        text: false,
        files: rules().files,
    };
    assert_eq!(
        check_submission(&files_only, "words", &[]),
        Err(SubmissionProblem::TextNotTaken)
    );
}

#[test]
fn a_family_wildcard_takes_only_its_family() {
    let r = rules().files.unwrap();
    assert!(r.accepts_type("IMAGE/JPEG"));
    assert!(!r.accepts_type("imagex/png"));
    assert!(!r.accepts_type("image"));
    assert!(!r.accepts_type("application/pdfx"));
}

proptest! {
    #[test]
    fn any_submission_gets_a_decision_and_a_taken_one_keeps_the_rules(
        text in ".{0,50}",
        names in proptest::collection::vec(".{0,30}", 0..4),
        sizes in proptest::collection::vec(0u64..2_000, 4),
        media in proptest::collection::vec(
            prop_oneof![
                Just("image/png".to_owned()),
                Just("application/pdf".to_owned()),
                Just("text/html".to_owned()),
                ".{0,12}",
            ],
            4,
        ),
    ) {
        let files: Vec<SubmittedFile> = names
            .iter()
            .enumerate()
            .map(|(i, name)| file(i as u8, name, &media[i], sizes[i]))
            .collect();
        if check_submission(&rules(), &text, &files).is_ok() {
            prop_assert!(files.len() <= 2);
            prop_assert!(files.iter().all(|f| f.size_bytes <= 1_000));
            prop_assert!(files.iter().all(|f| !f.file_name.contains('/')));
            prop_assert!(!text.trim().is_empty() || !files.is_empty());
        }
    }
}
