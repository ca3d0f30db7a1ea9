"""The refusal of bench/report.py, on made-up rounds: one stray round in five is set aside and the run reported; two
strays in five, or one in three, refuse. Run by .ci/run: python3 bench/report_test.py"""
import contextlib
import io
import json
import pathlib
import sys
import tempfile
import unittest

sys.path.insert(0, str(pathlib.Path(__file__).parent))
import report  # noqa: E402


def run_report(registry_rps, peer_rps=10000.0):
    """report.main over rounds of Model Registry's S1 against a peer at a fixed rate; its exit code, output and JSON."""
    with tempfile.TemporaryDirectory() as folder:
        folder = pathlib.Path(folder)
        lines = []
        for number, rps in enumerate(registry_rps, 1):
            lines.append(f"{number}\tmodel-registry\tS1\t{rps}\t1.0ms\t5.0ms\t0")
            lines.append(f"{number}\tvertx-raw\tS1\t{peer_rps}\t1.0ms\t5.0ms\t0")
        (folder / "results.tsv").write_text("\n".join(lines) + "\n")
        (folder / "paced.tsv").write_text("")
        meta = {"implementations": ["model-registry", "vertx-raw"], "duration": "10s", "slices": 5,
                "connections": 32, "maxSpreadPercent": 15, "notReportableBecause": [], "notImplementedS6": [],
                "smoke": False, "rounds": len(registry_rps)}
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            status = report.main(folder / "results.tsv", folder / "paced.tsv", json.dumps(meta), folder / "out.json")
        out = folder / "out.json"
        return status, printed.getvalue(), json.loads(out.read_text()) if out.exists() else None


class RefusalTest(unittest.TestCase):
    def test_one_stray_round_in_five_is_set_aside_and_shown(self):
        status, printed, result = run_report([7000, 7100, 6900, 5000, 7050])
        self.assertEqual(0, status, printed)
        ratio = result["ratios"][0]
        self.assertEqual(0.7, ratio["median"])
        self.assertEqual(4, ratio["setAsideRound"])
        self.assertEqual(-28.6, ratio["minPercent"])  # the whole spread is still reported
        self.assertEqual(-1.4, ratio["gateMinPercent"])
        self.assertIn("round 4 set aside", printed)

    def test_two_stray_rounds_in_five_refuse(self):
        status, printed, result = run_report([7000, 8500, 6900, 5000, 7050])
        self.assertEqual(3, status)
        self.assertIsNone(result)
        self.assertIn("refuses to report", printed)

    def test_one_stray_round_in_three_refuses(self):
        status, printed, result = run_report([7000, 5000, 7050])
        self.assertEqual(3, status)
        self.assertIsNone(result)

    def test_steady_rounds_are_reported_with_nothing_set_aside(self):
        status, _, result = run_report([7000, 7100, 6900])
        self.assertEqual(0, status)
        self.assertIsNone(result["ratios"][0]["setAsideRound"])

    def test_the_set_aside_round_is_the_farthest_as_a_factor(self):
        # 0.35 is 2x below the median 0.7; 1.3 is further off in difference but less than 2x above: 0.35 goes
        gate = report.gated_spread([0.7, 0.71, 0.69, 0.35, 1.3], [1, 2, 3, 4, 5])
        self.assertEqual(4, gate["setAsideRound"])
        self.assertEqual(85.7, gate["gateMaxPercent"])

if __name__ == "__main__":
    unittest.main()
