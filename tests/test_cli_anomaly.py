"""`python main.py anomaly FILE --ood ...`: the AUC of each score against each out-of-distribution set,
and clear messages for what cannot be measured."""

import json
import subprocess
import sys

import pytest

from tests.helpers import QUIET, run_to_end


@pytest.fixture(scope="module")
def autoencoder_checkpoint(tmp_path_factory):
    from engine.training.config import RunConfig

    path = tmp_path_factory.mktemp("anomaly") / "ae.safetensors"
    snaps = run_to_end(RunConfig(method="autoencoder", dataset="digits", steps=30, cadence=QUIET,
                                 run_params={"batch_size": 64, "seed": 0}, save_on_end=str(path)))
    assert snaps[-1].kind == "finished"
    return str(path)


def test_the_report_scores_every_set_with_every_score_that_applies(autoencoder_checkpoint):
    from engine.cli.anomaly import anomaly_report

    report = anomaly_report(autoencoder_checkpoint, ["noise", "inverted", "exclude=3"], n=100)
    assert report["method"] == "autoencoder" and report["dataset"] == "digits"
    assert report["scores"] == ["reconstruction", "knn"]
    assert [row["name"] for row in report["sets"]] == ["noise", "inverted", "exclude=3"]
    for row in report["sets"]:
        assert set(row["auc"]) == {"reconstruction", "knn"}
        assert all(0 <= v <= 1 for v in row["auc"].values())
    noise = report["sets"][0]
    assert noise["auc"]["reconstruction"] > 0.9  # uniform noise is nothing like a digit, even after 30 steps
    # The left-out class was in training here: its images are normal, near chance for either score.
    assert report["sets"][2]["auc"]["reconstruction"] < 0.8


def test_the_command_prints_json_and_refuses_bad_input_clearly(autoencoder_checkpoint):
    run = [sys.executable, "main.py", "anomaly", autoencoder_checkpoint, "--n", "50"]
    out = subprocess.run(run + ["--ood", "noise", "--score", "knn", "--json"], capture_output=True, text=True,
                         timeout=300)
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["scores"] == ["knn"] and report["sets"][0]["auc"]["knn"] > 0.5
    bad = subprocess.run(run + ["--ood", "marsupials"], capture_output=True, text=True, timeout=300)
    assert bad.returncode == 1 and "unknown out-of-distribution set 'marsupials'" in bad.stderr
    assert "Traceback" not in bad.stderr
    wrong = subprocess.run(run + ["--score", "neg_elbo"], capture_output=True, text=True, timeout=300)
    assert wrong.returncode == 1 and "does not apply to autoencoder" in wrong.stderr


def test_deep_svdd_is_scored_by_its_distance_to_the_centre(tmp_path):
    from engine.cli.anomaly import anomaly_report
    from engine.training.config import RunConfig

    path = tmp_path / "svdd.safetensors"
    snaps = run_to_end(RunConfig(method="deep_svdd", dataset="digits", steps=20, cadence=QUIET,
                                 run_params={"batch_size": 64, "seed": 0}, save_on_end=str(path)))
    assert snaps[-1].kind == "finished"
    report = anomaly_report(str(path), ["noise"], n=100)
    assert report["scores"] == ["svdd", "knn"]
    assert report["sets"][0]["auc"]["svdd"] > 0.9  # noise lands far from the centre of the digits' sphere
