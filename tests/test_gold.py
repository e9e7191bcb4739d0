"""Scoring against gold files (kg.gold): current roles and past posts apart."""

from kg.gold import score_page

GOLD = {"entities": [], "roles": [{"person": "王海", "title": "局长", "org": "常德市财政局"}],
        "former_roles": [{"person": "王海", "title": "局长", "org": "常德市审计局"}]}


def test_past_posts_are_scored_against_former_roles_only():
    score = score_page(GOLD, [], {("王海", "局长", "常德市财政局")}, {("王海", "局长", "常德市审计局")})
    figures = score.figures()
    assert (figures["role_recall"], figures["role_precision"]) == (1.0, 1.0)
    assert (figures["former_role_recall"], figures["former_role_precision"]) == (1.0, 1.0)


def test_a_past_post_given_as_current_is_wrong():
    score = score_page(GOLD, [], {("王海", "局长", "常德市财政局"), ("王海", "局长", "常德市审计局")})
    assert score.figures()["role_precision"] == 0.5
    assert score.missed_former == ["王海 局长 @ 常德市审计局"]


def test_no_past_post_figures_where_none_is_in_question():
    assert "former_role_recall" not in score_page({"roles": []}, [], set()).figures()
