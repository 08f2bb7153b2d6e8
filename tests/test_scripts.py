def test_the_ascii_shortcut_of_skeleton_matches_the_tables():
    from motivsim.formula import scripts

    _, _, confusables = scripts._tables()
    ascii_entries = {chr(i): confusables[chr(i)] for i in range(128) if chr(i) in confusables}
    assert ascii_entries == scripts._ASCII_SKELETON
    for name in ("revenue", "m0I1", "plan_met", "Q1_2026"):
        mapped = "".join(confusables.get(ch, ch) for ch in name)
        assert scripts.skeleton(name) == mapped
