"""Claim checks and answered multiple-choice items as text (English or
Chinese) and as JSON."""
from __future__ import annotations

from partials.assessment.analysis.claims import RIGHT, WRONG

VERDICT_WORDS = {
    "en": {RIGHT: "right", WRONG: "wrong", None: "undecided", "undecided": "undecided"},
    "zh": {RIGHT: "正确", WRONG: "错误", None: "未能判定", "undecided": "未能判定"},
}


def claim_text(check, lang: str = "en", indent: str = "") -> str:
    words = VERDICT_WORDS[lang]
    lines = [f"{indent}{check.claim}: {words[check.verdict]}"]
    for atom in check.atoms:
        reason = atom.zh if lang == "zh" else atom.en
        lines.append(f"{indent}  {atom.text}: {words[atom.verdict]} — {reason}")
    return "\n".join(lines)


def claim_json(check) -> dict:
    return {"claim": check.claim, "verdict": check.verdict,
            "atoms": [{"text": a.text, "verdict": a.verdict, "reason": a.en, "reason_zh": a.zh} for a in check.atoms]}


def item_text(answered, lang: str = "en", chosen: str | None = None, judged: str | None = None) -> str:
    item, words = answered.item, VERDICT_WORDS[lang]
    (a, b) = answered.report.point
    lines = [item.question or item.function, f"  (at ({a}, {b}))" if lang == "en" else f"  （在点 ({a}, {b}) 处）"]
    for letter, check in answered.checks.items():
        lines.append(claim_text(check, lang).replace(f"{check.claim}:", f"({letter}) {check.claim}:", 1))
    key = answered.key
    if lang == "zh":
        lines.append(f"答案：{key}" if key else "答案：未能判定（有选项未能判定）" if key is None else "答案：没有正确选项")
    else:
        lines.append(f"answer: {key}" if key else "answer: undecided (an option is undecided)" if key is None
                     else "answer: no option is right")
    if item.answer is not None and key is not None and item.answer.strip().upper() != key:
        lines.append(f"the item's stored answer {item.answer} disagrees" if lang == "en"
                     else f"题目给出的答案 {item.answer} 与分析不符")
    if chosen is not None:
        lines.append(f"{'chosen' if lang == 'en' else '所选'}: {chosen.upper()} — {words[judged]}")
    return "\n".join(lines)


def item_json(answered, chosen: str | None = None, judged: str | None = None) -> dict:
    (a, b) = answered.report.point
    return {"function": answered.item.function, "point": [str(a), str(b)],
            "options": {letter: claim_json(check) for letter, check in answered.checks.items()},
            "answer": answered.key, "stored_answer": answered.item.answer,
            **({"chosen": chosen, "verdict": judged} if chosen is not None else {})}
