"""The map: an article's facts depend on the article and the options, never on the rest of the corpus."""

from kg import ingest, pipeline, roles
from kg.extract import MapOptions, extract
from kg.options import Recognition, map_options
from kg.records import Article


def facts_of(article, recognizer, options):
    sentences = ingest.split_sentences(article)
    spans = [[(s.start, s.end, s.label) for s in found] for found in recognizer.recognize([s.text for s in sentences])]
    return extract(article, sentences, spans, options)


def test_an_article_says_the_same_alone_and_in_a_corpus(recognizer, sample_build):
    for article in sample_build.articles[:6]:
        alone = pipeline.build_articles([article], map_options=map_options(home_city="衡阳"), recognition=Recognition(recognizer))
        spans = lambda mentions, here=article.id: [(m.start, m.end, m.text, m.type) for m in mentions
                                                    if m.article_id == here]
        assert spans(alone.mentions) == spans(sample_build.mentions)
        assert alone.roles == [r for r in sample_build.roles if r.article_id == article.id]


def test_bare_words_the_article_cannot_settle_wait_for_the_home_city(recognizer):
    options = MapOptions(roles.TitleLexicon.load(), {}, frozenset())
    facts = facts_of(Article("a", "市委书记邓群策会见侯锋，市领导黄锦出席。", "x"), recognizer, options)
    assert "市委" in facts.names  # nothing in the article says which city
    assert {(r.person, r.organization) for r in facts.roles} >= {("邓群策", "市委"), ("黄锦", "市")}
    corpus = [facts.article, Article("c", "衡阳市召开大会。衡阳市委书记邓群策出席。", "x")]
    build = pipeline.build_articles(corpus, recognition=Recognition(recognizer))  # the reduce: 衡阳 is the home city
    assert build.home_city == "衡阳" and "市委" in build.entities["organization:衡阳市委"].aliases
    assert {(r.person, r.organization) for r in build.roles if r.article_id == "a"} >= {("邓群策", "衡阳市委"),
                                                                                    ("黄锦", "衡阳市")}
    named = facts_of(Article("b", "长沙市委书记吴桂英会见侯锋。", "x"), recognizer, options)
    assert "长沙市委" in named.names  # the article's own city settles it in the map


def test_a_section_named_by_its_work_alone_is_kept_only_where_its_body_is_known(recognizer):
    options = MapOptions(roles.TitleLexicon.load(), {}, frozenset())
    text = "湘江集团召开会议。王明任集团企业发展部部长，李华任法律事务部主任。湘江足协战略规划部部长赵刚、技术部部长孙强出席。"
    facts = facts_of(Article("a", text, "x"), recognizer, options)
    assert not {"企业发展部", "集团企业发展部", "法律事务部"} & set(facts.names)
    assert "湘江集团" in facts.names


def test_a_name_written_after_a_title_is_a_person_throughout_the_article():
    from kg.extract import find_mentions

    article = Article("a", "俄总统普琴科会见来宾。各方邀请普琴科出席，普琴科表示感谢。", "x")
    sentences = ingest.split_sentences(article)
    second = sentences[1].text
    at = second.index("普琴科")
    spans = [[(3, 6, "PER")], [(at, at + 3, "LOC"), (at + 6, at + 9, "LOC")]]
    mentions, _ = find_mentions(sentences, spans, gazetteer={})
    assert [(m.text, m.type) for m in mentions] == [("普琴科", "person")] * 3
    # no title beside it: the article's majority stands
    article = Article("b", "代表团访问普琴科。各方邀请普琴科出席，普琴科欢迎来宾。", "x")
    sentences = ingest.split_sentences(article)
    spans = [[(5, 8, "LOC")], [(at, at + 3, "LOC"), (at + 6, at + 9, "PER")]]
    assert [m.type for m in find_mentions(sentences, spans, gazetteer={})[0]] == ["place"] * 3


def test_a_person_cut_after_the_surname_gets_the_given_name_a_break_shows():
    from kg.extract import find_mentions

    def found(text, start):
        sentences = ingest.split_sentences(Article("a", text, "x"))
        return [(m.text, m.type) for m in find_mentions(sentences, [[(start, start + 1, "PER")]], gazetteer={})[0]]

    text = "湘江银行株洲支行行长贺一等出席。"
    assert found(text, text.index("贺")) == [("贺一", "person")]
    assert found("请罗小芳说明情况。", 1) == [("罗小芳", "person")]
    # no break within three characters, or a title after the surname: nothing to add, the piece goes
    assert found("请罗小芳主持会议。", 1) == []
    assert found("罗书记在会上讲话。", 0) == []


def test_a_name_run_into_the_next_word_once_is_cut_to_the_name_the_article_writes():
    from kg.extract import find_mentions

    text = "林振华是村支书。林振华先拿出五千元垫付药费。村民说，林振华帮了大忙。"
    sentences = ingest.split_sentences(Article("a", text, "x"))
    third = sentences[2].text.index("林振华")
    spans = [[(0, 3, "PER")], [(0, 4, "PER")], [(third, third + 3, "PER")]]  # 林振华先: run into 先拿出
    mentions, _ = find_mentions(sentences, spans, gazetteer={})
    assert [m.text for m in mentions if m.type == "person"] == ["林振华"] * 3
    once, _ = find_mentions(sentences[1:2], spans[1:2], gazetteer={})  # written once: nothing to go by
    assert [m.text for m in once if m.type == "person"] == ["林振华先"]


def test_a_body_written_short_is_of_the_kind_of_its_full_name_in_the_article():
    from kg.company import is_company
    from kg.extract import find_mentions

    text = "华岭大学与本市签约。华岭将派出教师支教。"
    sentences = ingest.split_sentences(Article("a", text, "x"))
    spans = [[(0, 4, "ORG")], [(0, 2, "ORG")]]
    assert is_company("华岭")  # read alone, the short form looks like a firm's
    mentions, _ = find_mentions(sentences, spans, gazetteer={})
    assert [(m.text, m.type) for m in mentions] == [("华岭大学", "organization"), ("华岭", "organization")]
    alone, _ = find_mentions(sentences[1:], spans[1:], gazetteer={})  # no full name in the article: the model's kind
    assert [(m.text, m.type) for m in alone] == [("华岭", "company")]
