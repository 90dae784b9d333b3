"""The speed benchmark's script runs and reports both ratios (it is never timed in tests)."""

import json

from mapper.dev.speed import main


def test_speed_report_names_both_ratios(tmp_path, capsys, mapper):
    source = tmp_path / "in.jsonl"
    texts = ["Floods hit Texas on Monday.", "Talks resumed in Berlin and Paris."] * 3
    source.write_text("".join(json.dumps({"id": f"d{i}", "text": t}) + "\n" for i, t in enumerate(texts)))
    main(str(source))
    out = capsys.readouterr().out
    assert "6 articles" in out and "of the full pipeline" in out and "of NER alone" in out
