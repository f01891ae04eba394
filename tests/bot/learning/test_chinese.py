from __future__ import annotations

from bot.learning.dictionary import Dictionary


def test_function_characters_are_not_glosses_of_things(dictionary: Dictionary) -> None:
    chinese = dictionary.chinese
    # 的 is listed as "a taxi", 于 as "to go", 台 as a table's measure word: none is what a
    # child calls these
    assert chinese.gloss("taxi", 1, kind="noun.artifact") == "出租车"
    assert chinese.gloss("go", 1, kind="verb.motion") != "于"
    assert chinese.gloss("table", 1, kind="noun.artifact") != "台"
    assert chinese.gloss("cup", 1, kind="noun.artifact") == "杯子"


def test_chinese_leads_back_to_english(dictionary: Dictionary) -> None:
    english = dictionary.chinese.english
    assert english("苹果") == "apple"
    # a character with several readings is the everyday one: 跑 was "paw" (páo, "to paw the
    # ground"), 听 "smile" (archaic), 年 "year" never the old form's "grain"; the dictionary's
    # order otherwise (长 "length", 没 "have not", 教 "teach")
    found = {w: english(w) for w in ("跑", "听", "年", "长", "没", "教", "说", "和平", "王")}
    assert found == {
        "跑": "run",
        "听": "listen to",
        "年": "year",
        "长": "length",
        "没": "have not",
        "教": "teach",
        "说": "speak",
        "和平": "peace",  # not the district of Shenyang
        "王": None,  # "king or monarch" names no card; never "to rule"
    }
    assert (english("月亮"), english("星星")) == ("moon", "star")  # "the moon", "a star"


def test_a_chinese_word_is_the_easy_english_word_a_child_means(dictionary: Dictionary) -> None:
    """CC-CEDICT's first English is often the rarer word: 兔子 "hare; rabbit", 鸡 "fowl;
    chicken", 钟 the handleless cup (鍾) before the clock (鐘), 睡觉 "to go to bed" (no card)
    before "to sleep". With the learner levels, an A1–A2 word whose own Chinese is the word
    typed is taken; every other word stays as CC-CEDICT has it."""

    def level(word: str) -> int | None:
        return dictionary.level_number(word) if dictionary.levelled(word) else None

    def english(chinese: str) -> str | None:
        return dictionary.chinese.english(chinese, level)

    easier = {"兔子": "rabbit", "鸡": "chicken", "钟": "clock", "牛": "cow", "睡觉": "sleep"}
    easier |= {"农民": "farmer", "玩具": "toy", "钱": "money", "门": "door", "累": "tired"}
    assert {w: english(w) for w in easier} == easier
    assert dictionary.chinese.english("兔子") == "hare"  # without levels, as CC-CEDICT says
    # an easier word that is not this Chinese word's own is not taken: 吐 "to spit; …; to
    # say" (say is 说), 年 "year", never the old form's "grain"; 戴 "to put on or wear" is
    # no "respect", 王 "king or monarch" no "grand"; 伞 no "damask silk"
    kept = {"吐": "spit", "年": "year", "伞": "umbrella", "苹果": "apple", "戴": None, "王": None}
    assert {w: english(w) for w in kept} == kept


def test_a_loanword_is_not_an_unusual_word(dictionary: Dictionary) -> None:
    """CC-CEDICT marks 啤酒 "(loanword)", which cost it like "(archaic)": beer was 麦酒."""
    cards = {w: dictionary.card(w, chinese=True) for w in ("beer", "coffee", "sofa", "guitar")}
    assert {w: c.chinese if c else None for w, c in cards.items()} == {
        "beer": "啤酒",
        "coffee": "咖啡",
        "sofa": "沙发",
        "guitar": "吉他",
    }


def test_a_string_wordfreq_does_not_know_as_a_word_is_not_a_common_word(
    dictionary: Dictionary,
) -> None:
    """wordfreq scores 中用 from 中 and 用 (above 有用), 日中 from 日 and 中, 小二 from 小 and 二:
    a child says 有用, 中午, 服务员, 课本, 操场, 白天."""
    words = ("useful", "noon", "waiter", "textbook", "playground", "daytime")
    cards = {w: dictionary.card(w, chinese=True) for w in words}
    assert {w: c.chinese if c else None for w, c in cards.items()} == {
        "useful": "有用",
        "noon": "中午",
        "waiter": "服务员",
        "textbook": "课本",
        "playground": "操场",
        "daytime": "白天",
    }


def test_an_old_variant_character_is_never_the_gloss(dictionary: Dictionary) -> None:
    """卽 is an old form of 即 with an entry of its own; a school writes 即 or 立刻."""
    gloss = dictionary.chinese.gloss("promptly", 2, kind="adv.all") or ""
    assert gloss and "卽" not in gloss
    assert all(ch.encode("gb2312") for ch in gloss.replace("，", ""))


def test_a_name_or_a_rare_entry_of_a_common_character_is_not_the_gloss(
    dictionary: Dictionary,
) -> None:
    """韦德 is "Wade (name)"; 局 "narrow" is an entry of its own (侷, simplified to 局) whose
    string is common only as 局 "office"; 中 "to hit the mark" is a minor reading of 中 "in"."""
    glosses = {w: dictionary.chinese.gloss(w, 1, kind=k) for w, k in (
        ("wade", "verb.motion"), ("narrow", "adj.all"), ("hit", "verb.contact"),
    )}  # fmt: skip
    assert glosses["wade"] != "韦德"
    assert glosses["narrow"] in {"窄", "狭窄"}
    assert glosses["hit"] != "中"


def test_a_word_that_is_no_name_is_not_glossed_by_a_names_entry(dictionary: Dictionary) -> None:
    """三月 is CC-CEDICT's "March": the soldiers who march were 三月 on their card; the month
    keeps it, and the euro keeps 欧洲货币 ("Euro"), the only entry it has."""
    cards = {w: dictionary.card(w, chinese=True) for w in ("marches", "marching", "March")}
    chinese = {w: card.chinese if card else None for w, card in cards.items()}
    assert chinese["marches"] == chinese["marching"] == "游行"
    assert chinese["March"] == "三月"
    assert dictionary.chinese.gloss("euro", 1, kind="noun.possession", name=False)


def test_the_masses_are_found_under_masses(dictionary: Dictionary) -> None:
    """CC-CEDICT writes "the masses" (群众, 大众); the archaic 黎庶 was chosen instead."""
    card = dictionary.card("masses", chinese=True)
    assert card is not None and card.chinese in {"群众", "大众"}


def test_a_teachers_chinese_for_the_meaning_a_picture_shows(dictionary: Dictionary) -> None:
    """The automatic choice gave the stool 屎, the safe 安全 ("safety") and the rooster 叫鸡."""
    from bot.learning.cards import drawn_as

    chinese = {w: (dictionary.card(w, chinese=True) or dictionary.card("x")).chinese
               for w in ("stool", "rooster", "anchor")}  # fmt: skip
    assert chinese == {"stool": "凳子", "rooster": "公鸡", "anchor": "锚"}
    # a last look's words: honest was 正当 ("proper"), neighbour had none
    for word, gloss in (("honest", "诚实"), ("neighbour", "邻居")):
        assert (dictionary.card(word, chinese=True) or dictionary.card("x")).chinese == gloss
    # "safe" is an adjective first (安全), and 保险箱 under the strongbox drawn for it
    safe = dictionary.card("safe", chinese=True)
    strongbox = dictionary.sense("n04125021")
    shown = drawn_as(dictionary, safe, strongbox)
    assert safe is not None and safe.chinese == "安全"
    assert shown is not None and shown.chinese == "保险箱"
    # a form with no entry of its own has its word's (peacocks had none)
    assert (dictionary.card("peacocks", chinese=True) or dictionary.card("x")).chinese == "孔雀"
    # "clocks" is a lemma of its own in WordNet (a plant), yet its card is the timepiece's
    assert (dictionary.card("clocks", chinese=True) or dictionary.card("x")).chinese == "钟"
    # a meaning drawn other than the card's first keeps the plain meaning's Chinese when the
    # plain meaning is what the card shows (a shower fixture under "a place where water comes
    # down on you": 淋浴, not the rain shower 阵雨)
    card = dictionary.card("shower", chinese=True)
    fixture = next(m for m in dictionary.noun_senses("shower") if "plumbing" in m.definition)
    shown = drawn_as(dictionary, card, fixture)
    assert shown is not None and shown.chinese == "淋浴"
    # "hearts" is a WordNet word of its own (the card game, 中心 by the automatic choice), yet
    # under three red hearts its Chinese is heart's shape
    shape = dictionary.sense("n13865904")
    hearts = drawn_as(dictionary, dictionary.card("hearts", chinese=True), shape)
    assert hearts is not None and hearts.chinese == "心形"
    # the meanings pictures were pinned to: the bow knot was 船首 (a ship's bow), the lift 提升
    # ("raise"), feet 鱼尾纹 (crow's feet)
    for word, sense_id, expected in (
        ("bow", "n02880189", "蝴蝶结"),
        ("lift", "n03281145", "电梯"),
        ("feet", "n05563266", "脚"),
    ):
        drawn = drawn_as(
            dictionary, dictionary.card(word, chinese=True), dictionary.sense(sense_id)
        )
        assert drawn is not None and drawn.chinese == expected, word
    # a card that leads with a verb has the verb's Chinese: sailing was 航班 (a flight), punch
    # 宾治 (the drink); the fan drawn is a hand fan, 扇子, in the singular and plural (电扇)
    for word, expected in (
        ("sailing", "航行"),
        ("punch", "用拳头打"),
        ("fan", "扇子"),
        ("fans", "扇子"),
    ):
        assert (dictionary.card(word, chinese=True) or dictionary.card("x")).chinese == expected
    # a plural WordNet lists as a word of its own takes its singular meaning's Chinese: the
    # stations drawn were 驻地 ("a garrison")
    assert (dictionary.card("stations", chinese=True) or dictionary.card("x")).chinese == "车站"
    # twenty-ninth session, under the pictures of the words 15,001-30,000: the washing machine
    # was 垫圈 (a ring washer), doves 主和派 (political doves), tongues 灵语, combs 梳篦
    for word, expected in (("washer", "洗衣机"), ("doves", "鸽子"), ("tongues", "舌头"),
                           ("combs", "梳子"), ("shrugs", "耸肩")):  # fmt: skip
        assert (dictionary.card(word, chinese=True) or dictionary.card("x")).chinese == expected


def test_a_verbs_card_is_glossed_by_a_verbs_entry(dictionary: Dictionary) -> None:
    """The cards of "painted" and "smoking" had 涂料 (paint, the stuff) and 烟雾 (smoke)."""
    said = {w: getattr(dictionary.card(w, chinese=True), "chinese", None) for w in (
        "painted", "smoking", "signed")}  # fmt: skip
    assert said == {"painted": "画", "smoking": "抽烟", "signed": "签署"}
    stuff = dictionary.chinese.gloss("paint", 1, kind="noun.substance")
    assert stuff in ("涂料", "颜料")  # the noun keeps a noun's entry


def test_no_card_is_glossed_with_a_vulgar_word(dictionary: Dictionary) -> None:
    """Found searching the Chinese of the 30,000 commonest words' cards: cocky was 牛屄 and
    idiotic 二屄 (vulgar), seduction 奸淫, devils 鬼子 (a slur)."""
    gloss = dictionary.chinese
    for word in ("cocky", "idiotic", "seduction", "devils"):
        found = gloss.gloss(word, 3) or ""
        assert not any(bad in found for bad in ("屄", "淫", "鬼子")), (word, found)


def test_a_meaning_marked_as_a_slur_is_never_a_gloss(dictionary: Dictionary) -> None:
    """ "indian" was glossed 阿三, which CC-CEDICT marks "(derog.) an Indian"; "russian"
    毛子 and "japanese" 倭 the same. A marked meaning is not indexed at all; the card says
    the word a teacher gives."""
    gloss = dictionary.chinese.gloss
    assert "阿三" not in (gloss("indian", 3) or "")
    assert "毛子" not in (gloss("russian", 3) or "")
    assert "倭" not in (gloss("japanese", 3) or "")
    assert "小子" not in (gloss("joker", 3) or "")  # "(derog.) joker"; 小子 is still a guy's
    cards = {w: getattr(dictionary.card(w, chinese=True), "chinese", None) for w in (
        "indian", "british", "french", "korean", "japanese")}  # fmt: skip
    # korean was 思密达, internet slang mocking Korean speech; japanese 和
    assert cards == {"indian": "印度的", "british": "英国的", "french": "法国的",
                     "korean": "韩国的", "japanese": "日本的"}  # fmt: skip


def test_a_later_meaning_whose_card_says_the_word_typed(dictionary: Dictionary) -> None:
    """热 "to warm up; to heat up; hot (of weather)" taught "warm up"; 婴儿 "infant",
    盘子 "tray", 宾馆 "guesthouse". After a phrase or a word beyond A2, an easy later meaning
    is taken when its card gives this very Chinese word (hot's card says 热)."""
    from bot.learning.plain import teachers_chinese

    def level(word: str) -> int | None:
        return dictionary.level_number(word) if dictionary.levelled(word) else None

    def english(chinese: str) -> str | None:
        return dictionary.chinese.english(chinese, level, teachers_chinese)

    easier = {"热": "hot", "婴儿": "baby", "盘子": "plate", "宾馆": "hotel", "饿": "hungry"}
    easier |= {"太空": "space", "害怕": "afraid"}  # "outer space", "be afraid": the last word
    assert {w: english(w) for w in easier} == easier
    # an easy first meaning stays: 看 see (not watch), 月 moon, 借 lend, 一点 bit
    kept = {"看": "see", "月": "moon", "借": "lend", "一点": "bit", "苹果": "apple"}
    assert {w: english(w) for w in kept} == kept
    assert dictionary.chinese.english("热", level) == "warm up"  # without a teacher's words


def test_the_chinese_word_splitter_says_nothing_in_the_chat() -> None:
    """jieba (wordfreq splits Chinese with it) sets its logger to DEBUG when first imported:
    "/word 睡觉" in the terminal chat printed "Building prefix dict from …" lines."""
    import subprocess
    import sys

    script = (
        "import logging; logging.basicConfig(level=logging.DEBUG)\n"
        "from bot.learning.chinese import ChineseGloss\n"
        "gloss = ChineseGloss(); gloss.load()\n"
        "print(gloss.english('睡觉', lambda word: 1))\n"
    )
    for _ in range(2):  # the second time as a chat starts: the index read from its cache
        done = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, timeout=300, check=True
        )
    assert done.stdout.strip() == "sleep"
    assert "jieba" not in done.stderr and "prefix dict" not in done.stderr


def test_a_lorry_is_a_truck_in_chinese_too(dictionary: Dictionary) -> None:
    """CC-CEDICT has no entry that says "lorry": its card (now the truck's meaning, not the
    horse-drawn wagon's) had no Chinese line."""
    card = dictionary.card("lorry", chinese=True)
    assert card is not None and card.chinese == "卡车"
    assert "truck" in card.meanings[0].definition
    # sweets drawn as the wrapped sweet ("a food rich in sugar") are 糖果, not the
    # adjective's 甜蜜
    from bot.learning.cards import drawn_as

    sweets = dictionary.card("sweets", chinese=True)
    sugar = next(m for m in dictionary.noun_senses("sweets") if "rich in sugar" in m.definition)
    shown = drawn_as(dictionary, sweets, sugar)
    assert shown is not None and shown.chinese == "糖果"
