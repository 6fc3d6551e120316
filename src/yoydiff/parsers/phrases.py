"""The vocabulary of narrative figures: how disclosures write amounts, changes, rates and shares.

Every pattern runs on `fold(text)`, which maps characters one to one (full-width digits and
punctuation to ASCII, traditional to simplified forms of the budget vocabulary), so a match
position is also a position in the printed text and quotes stay exact.
"""
from __future__ import annotations

import re

from ..numbers import UNIT_PATTERN

# Traditional characters of the budget vocabulary and their simplified forms (traditional-script
# mirrors: 預算, 較上年, 增長, 萬元, 財政撥款, 結轉結餘, 佔, 績效…), as pairs "繁简".
_TRADITIONAL = (
    "預预 較较 長长 減减 萬万 億亿 與与 為为 經经 費费 際际 額额 撥拨 總总 計计 項项 類类 務务 門门 關关 說说 開开 動动 無无 變变 專专 維维 護护 購购 車车 運运 輛辆 產产 "
    "資资 國国 業业 數数 財财 結结 轉转 餘余 單单 機机 構构 採采 託托 營营 會会 況况 劃划 調调 決决 執执 復复 複复 戶户 對对 於于 約约 過过 將将 壓压 縮缩 節节 沒没 係系 "
    "佔占 幣币 個个 臺台 頁页 醫医 療疗 衛卫 險险 養养 勞劳 職职 設设 備备 補补 貼贴 災灾 區区 鄉乡 鎮镇 縣县 廳厅 處处 隊队 館馆 員员 辦办 議议 園园 農农 環环 體体 廣广 "
    "電电 視视 書书 報报 準准 據据 實实 續续 級级 兩两 僅仅 嚴严 證证 權权 強强 傳传 統统 規规 範范 標标 礎础 層层 歸归 屬属 離离 這这 進进 選选 連连 應应 領领 題题 顧顾 "
    "點点 黨党 樣样 歷历 當当 發发 盡尽 監监 稅税 積积 穩稳 種种 稱称 競竞 簡简 糧粮 組组 綜综 網网 線线 練练 績绩 繳缴 織织 罰罚 聯联 興兴 舉举 藥药 號号 術术 裝装 製制 "
    "覽览 觀观 訂订 記记 訓训 許许 訪访 評评 試试 詳详 認认 請请 諮咨 識识 讓让 貨货 責责 貸贷 貿贸 賬账 質质 贈赠 軍军 輔辅 輸输 轄辖 適适 遺遗 還还 郵邮 釋释 銀银 錄录 "
    "錢钱 間间 閱阅 陳陈 階阶 隨随 雜杂 雲云 靜静 顯显 駐驻 驗验 齡龄 蓋盖 貧贫 學学 審审 導导 師师 帶带 幫帮 庫库 廢废 廠厂 後后 徵征 態态 憑凭 擔担 擬拟 擴扩 斷断 時时 "
    "東东 條条 極极 樓楼 殘残 氣气 測测 溫温 滿满 潔洁 濟济 熱热 獎奖 獲获 現现 畢毕 異异 確确 禮礼 紀纪 緊紧 編编 緩缓 義义 習习 聞闻 臨临 華华 藝艺 虧亏 衝冲 覺觉 親亲 "
    "討讨 診诊 該该 詢询 語语 課课 論论 講讲 譯译 讀读 負负 貢贡 貴贵 賠赔 賽赛 載载 輕轻 輪轮 遠远 遷迁 邊边 鄰邻 鋪铺 鐵铁 鑒鉴 閉闭 陸陆 難难 響响 須须 頓顿 願愿 駕驾 "
    "驅驱 麼么 愛爱 勵励 築筑 濕湿 豐丰 齊齐 龍龙 烏乌 魯鲁 蘭兰 陽阳 漢汉 嶺岭 島岛 鹽盐 礦矿 聖圣 鎖锁 賴赖 檢检 檔档 別别 達达 參参 們们 來来 給给 問问 圖图 團团 場场 "
    "塊块 聲声 夠够 寧宁 屆届 彙汇 匯汇 淨净 滅灭 漸渐 狀状 獨独 盤盘 眾众 納纳 紙纸 細细 終终 綠绿 繼继 聽听 見见 誤误 談谈 貫贯 賣卖 買买 輯辑 辭辞 遞递 針针 錯错 鍵键 "
    "隱隐 雙双 頭头 頻频 風风 飛飞 馬马 黃黄 歲岁 擁拥 恆恒 "
)
_PAIRS = _TRADITIONAL.split()
_FOLD = str.maketrans("０１２３４５６７８９．％＋－﹪" + "".join(p[0] for p in _PAIRS),
                      "0123456789.%+-%" + "".join(p[1] for p in _PAIRS))


def fold(text: str) -> str:
    """Same-length normal form for matching (positions are preserved)."""
    t = text.translate(_FOLD)
    return re.sub(r"(?<=\d)，(?=\d{3}(?!\d))", ",", t)     # full-width thousands separator


CJK = r"[\u4e00-\u9fff]"
# A printed number: thousands separators or none, decimals, a space after a separator (PDF artefact).
NUM = r"(?<![\d.])\d+(?:\s?,\s?\d{3})*(?:\s?\.\s?\d+)?"
UNIT = UNIT_PATTERN
# After a direction word, 万 / 亿 without 元 (「增收4,376万」) are the amount of the change when no other word
# follows (not 万人, 万平方米); a bare 万 elsewhere is not taken for money.
CHANGE_UNIT = UNIT + r"|万(?![\u4e00-\u9fff])|亿(?![\u4e00-\u9fff])"
# 万 / 亿 without 元 that ends a clause (「决算数合计为1000.86万，其中：」) is money too; 万人, 万平方米 are not.
BARE_UNIT = r"[万亿](?=\s*(?:[，,。；;：:、）)]|$))"
MONEY = rf"(?P<num>{NUM})\s*(?P<unit>{UNIT}|{BARE_UNIT})"
PCT = rf"(?P<pnum>{NUM})\s*%"

MONEY_RE = re.compile(MONEY)
# The words of money: a bare 万 / 亿 is an amount only in a clause that names one (会议费121.61万，…), not in
# 「服务人口12万，」.
MONEY_WORDS_RE = re.compile(r"费|支出|收入|资金|预算|决算|拨款|金额|经费|结余|结转|税|款")


def is_money(m: re.Match, text: str, clause_start: int) -> bool:
    """A MONEY_RE match is an amount: its unit names 元, or the clause before it names money."""
    return m.group("unit").endswith("元") or bool(MONEY_WORDS_RE.search(text, clause_start, m.start()))
PCT_RE = re.compile(PCT)
FIGURE_RE = re.compile(rf"{NUM}\s*(?:{UNIT}|%)")

# Words attached to an amount change, normalised to 增加 / 减少 (some texts use rate words crosswise).
AMOUNT_UP = ("增加", "增支", "增收", "增长", "上升", "提高", "多", "增")
AMOUNT_DOWN = ("减少", "减支", "减收", "短收", "下降", "降低", "压缩", "节约", "少", "减")
# Words attached to a rate, normalised to 增长 / 下降.
RATE_UP = ("增长率", "增幅", "增长", "上升", "提高", "增加", "增")
RATE_DOWN = ("负增长", "减少率", "下降率", "减幅", "降幅", "下降", "降低", "减少", "减")

_alt = lambda words: "|".join(sorted(words, key=len, reverse=True))  # noqa: E731
HEDGE = r"(?:约|近|将近|大约|超过|逾)"
CHANGE_RE = re.compile(rf"(?P<dir>{_alt(AMOUNT_UP + AMOUNT_DOWN)})\s*(?:了|为)?\s*(?P<hedge>{HEDGE})?\s*"
                       rf"(?P<num>{NUM})\s*(?P<unit>{CHANGE_UNIT})")
# 压减10% / 削减 / 缩减: a policy target ("一般性支出压减10%"), not the item's change rate.
RATE_RE = re.compile(
    rf"(?<![压缩削核])(?P<rdir>[（(]减少?[)）]幅?|[（(]减[)）]幅|{_alt(RATE_UP + RATE_DOWN)})\s*(?:了|为|率为|率)?\s*(?P<rhedge>{HEDGE})?\s*{PCT}")
BLANK_RATE_RE = re.compile(rf"(?:{_alt(RATE_UP + RATE_DOWN)})\s*%")
SHARE_RE = re.compile(rf"占(?P<of>[^，,。；;%\d]{{0,24}}?)(?:的)?(?:比重|比例|比)?(?:为)?\s*{PCT}")
FLAT_RE = re.compile(r"与上年(?:预算)?(?:相比)?持平|持平|无增减|无变化|没有变化|保持不变")
NO_BASE_RE = re.compile(r"不可比|无可比性|上年基数为\s*0|基数为零|上年无此项|上年未安排|上年度无此项")
# 「收、支总计各是820.40,816.20万元」「各增加20.40、16.20万元」「各下降2.55%、2.02%」: one figure for each named item,
# the unit printed once after the last (or after each).
_EACH_ITEM = rf"{NUM}\s*(?:{UNIT}|%)?"
# a comma between two items, never the thousands separator of one figure (「各增加1,003.69万元」 is one figure)
# (a comma after a decimal fraction always parts two items: 「各是820.40,816.20万元」)
_EACH_SEP = r"\s*(?:[、，和及]|(?:(?<=\.\d)|(?<=\.\d\d)|(?<=\.\d\d\d)|(?<=\.\d\d\d\d)),|,(?!\d{3}(?!\d)))\s*"
EACH_RE = re.compile(
    rf"各\s*(?:自)?\s*(?:是|为)?\s*(?P<dir>{_alt(AMOUNT_UP + AMOUNT_DOWN + RATE_UP + RATE_DOWN)})?\s*(?:了|为)?\s*"
    rf"(?P<list>{_EACH_ITEM}(?:{_EACH_SEP}{_EACH_ITEM})*{_EACH_SEP}{NUM}\s*(?:{UNIT}|%))")
EACH_ITEM_RE = re.compile(rf"(?P<num>{NUM})\s*(?P<unit>{UNIT}|%)?")
# A direction word left as a template (增（减）, 增加（减少）, 增长（下降）, 增/减): it gives no direction.
PLACEHOLDER_RE = re.compile(r"(?:增|增加|增长|上升)\s*[（(/／]\s*(?:减|减少|下降|降低)\s*[)）]?(?:幅|率)?")
REASON_RE = re.compile(r"^\s*(?:主要原因(?:是|为|：|:)|原因是|主要是|主要由于|主要系|是由于|其原因是|系)")
USAGE_RE = re.compile(r"^\s*(?:主要用于|用于|主要包括|包括)")
HEDGE_RE = re.compile(HEDGE + r"\s*$")
# A stated number of projects: 当年预算安排项目共27个 / 实行绩效目标管理的项目17个 / 共安排27个项目.
PROJECT_COUNT_RE = re.compile(
    r"项目\s*(?:共计|合计|总计|共)?\s*(?P<n>\d+)\s*[个项](?!\s*(?:万元|元|%))"
    r"|(?:共计|合计|总计|共)\s*(?:安排|实施|设置|设立)?\s*(?P<n2>\d+)\s*[个项]\s*项目")

# A word that starts a change ("比上年增加10万元"): what follows it is the change, not a stated prior.
_CHANGE_WORD = r"增|减|多|少|降|升|提高|持平|节约|压缩|为|是"
# What the change is measured against. Group `yr` is a named year, `prior` a stated previous figure.
COMPARISON_RE = re.compile(
    r"(?P<comp>同比|"
    r"(?:相较|相比|与|和|同|比|较|对比)\s*(?:之|于)?\s*"
    r"(?P<base>上\s*年(?:度)?|上一年(?:度)?|去年|年初|调整后?|(?P<yr>20\d\d)\s*年(?:度)?)"
    r"(?P<kind>预算执行数|执行数|预算数?|决算数?|批复数|同期)?"
    rf"(?:(?:的\s*|(?:(?!{_CHANGE_WORD})[^\d，。；,;：:（）()%]){{0,10}}?)(?P<prior>{NUM})\s*(?P<punit>{UNIT}))?"
    r"(?:数)?\s*(?:相比|比较)?)")

# Enumerators and headings at the start of a paragraph.
ENUM_RE = re.compile(r"^\s*(?:[-•·]\s*)?(?:\d+\s*[.．、]|[（(]\s*\d{1,2}\s*[)）]|[（(]\s*[一二三四五六七八九十]+\s*[)）]|[一二三四五六七八九十]+\s*、|第[一二三四五六七八九十]+部分)\s*")
HEADING_RE = re.compile(r"^\s*(?P<mark>第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+\s*、|[（(]\s*[一二三四五六七八九十]+\s*[)）])")
LABEL_RE = re.compile(rf"^\s*{CJK}{{2,10}}[：:]")
# A page number line: 「8」「- 8 -」「— 8 —」「─ 8 ─」 (U+2500, a WPS/Word footer), 「第 8 页」「第 8 页 共 40 页」.
FOOTER_RE = re.compile(r"^\s*[-—–─━－]?\s*\d{1,4}\s*[-—–─━－]?\s*$|^\s*第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?\s*$")
TERMINAL = "。；;：:！？!?"


def normalise_amount_word(word: str) -> str:
    w = re.sub(r"\s", "", word)
    return "减少" if any(w.startswith(d) for d in AMOUNT_DOWN) else "增加"


def normalise_rate_word(word: str) -> str:
    w = re.sub(r"[\s（）()]", "", word)
    return "下降" if any(w.startswith(d) for d in RATE_DOWN) else "增长"


def money_unit(unit: str) -> str:
    """万 → 万元, 亿 → 亿元 (the unit of an amount as numbers.UNIT_SCALE names it)."""
    return unit if unit.endswith("元") else unit + "元"


def clean_number(text: str) -> str:
    return re.sub(r"\s", "", fold(text))
