"""Simulation on a real Dask cluster: a ``distributed.LocalCluster`` of worker processes gives
the same numbers, bit for bit, as ``workers=1``, through the Python API (``executor=
client.get_executor()``) and through ``simulate --dask local``; so do ``check``, ``compare``,
``report``, ``plot --kind distribution`` and ``tune`` (``--dask`` joins the module's one cluster
there);
clear errors without the extra or without a scheduler, and for ``--dask`` options that do not
fit; and what is sent to the workers pickles (small, without compiled code).

The cluster tests need the ``dask`` extra (``pip install -e ".[dask]"``, part of the README's
test command) and are skipped, saying so, only when it is not installed.
"""

from __future__ import annotations

import json
import pickle
import socket
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future
from contextlib import contextmanager
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest

import motivsim
from motivsim.cli.app import main
from motivsim.errors import ArgumentTypeError
from motivsim.simulation import cluster as cluster_module
from motivsim.simulation import job as job_module
from motivsim.simulation.cluster import ClusterError, dask_cluster
from motivsim.simulation.engine import run_blocks
from motivsim.simulation.job import make_job, prepare
from motivsim.tuning import search as search_module
from tests.conftest import SCHEMES

SCHEME = SCHEMES / "team_dealership.toml"
#: 10,000 runs x 12 months x 7 managers: about 50 blocks, several tasks per worker.
RUNS, PERIODS, SEED = 10_000, 12, 7
QUANTITIES = ("payroll", "payroll_total", "manager", "manager:strong", "payroll:new hires")
QS = [0.0, 0.001, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99, 0.999, 1.0]


@pytest.fixture(scope="module")
def distributed() -> Any:
    return pytest.importorskip(
        "distributed",
        reason="the dask extra is not installed (pip install -e '.[dask]'): "
        "no Dask cluster to test on",
    )


@pytest.fixture(scope="module")
def scheme() -> motivsim.Scheme:
    return motivsim.load(SCHEME)


@pytest.fixture(scope="module")
def reference(scheme: motivsim.Scheme) -> motivsim.SimulationResult:
    return motivsim.simulate(scheme, runs=RUNS, periods=PERIODS, seed=SEED, workers=1)


@pytest.fixture(scope="module")
def client(distributed: Any) -> Any:
    """A cluster of 2 worker processes, one thread each, on this machine only."""
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,  # no dashboard; its HTTP server on any free port:
            scheduler_kwargs={"dashboard_address": ":0"},  # not on 8787, maybe in use
        ) as cluster,
        distributed.Client(cluster, set_as_default=False) as client,
    ):
        yield client


def _quantiles(result: motivsim.SimulationResult) -> dict[str, list[float]]:
    return {of: list(result.quantile(QS, of=of)) for of in QUANTITIES}


def _tokens() -> list[str]:
    """The jobs prepared in this (worker) process."""
    return list(job_module._CACHE)


def test_local_cluster_gives_the_numbers_of_one_worker(
    client: Any, scheme: motivsim.Scheme, reference: motivsim.SimulationResult
) -> None:
    with client.get_executor() as executor:
        result = motivsim.simulate(
            scheme, runs=RUNS, periods=PERIODS, seed=SEED, executor=executor, workers=2
        )
    assert result.to_dict() == reference.to_dict()
    assert _quantiles(result) == _quantiles(reference)
    # the blocks were computed in the worker processes, each of which compiled the job once
    prepared = client.run(_tokens)
    assert len(prepared) == 2
    assert any(tokens for tokens in prepared.values()), prepared


def test_local_cluster_with_small_tasks_and_a_kept_raw_pay(
    client: Any, scheme: motivsim.Scheme
) -> None:
    """Many small tasks (one block per chunk), finishing in any order; raw pay comes back."""
    kwargs: dict[str, Any] = {"runs": 3_000, "periods": 12, "seed": 11, "keep_raw": True}
    one = motivsim.simulate(scheme, workers=1, **kwargs)
    with client.get_executor() as executor:
        many = motivsim.simulate(scheme, executor=executor, workers=4, chunk_size=1, **kwargs)
    assert many.to_dict() == one.to_dict()
    assert (many.raw_pay() == one.raw_pay()).all()


def test_cli_dask_local_gives_the_numbers_of_one_worker(
    distributed: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    common = ["simulate", str(SCHEME), "--runs", str(RUNS), "--periods", str(PERIODS)]
    common += ["--seed", str(SEED), "--json"]
    assert main(common) == 0
    alone = capsys.readouterr().out
    assert main([*common, "--dask", "local", "--dask-workers", "2"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out) == json.loads(alone)
    assert out == alone
    assert "Traceback" not in err


def test_an_unreachable_scheduler_is_an_error_after_the_timeout(
    distributed: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    code = main(
        ["simulate", str(SCHEME), "--dask", f"tcp://127.0.0.1:{port}", "--dask-timeout", "1"]
    )
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert f"could not connect to the Dask scheduler at tcp://127.0.0.1:{port}" in err
    assert "Traceback" not in err


def test_without_the_extra_the_error_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed fails
    monkeypatch.setitem(sys.modules, "dask.distributed", None)
    code = main(["simulate", str(SCHEME), "--dask", "local"])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert "install it with pip install 'motivsim[dask]'" in err
    assert "Traceback" not in err
    with pytest.raises(ClusterError, match="not installed"), dask_cluster("local"):
        pass


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--dask", "nonsense"], "'local' or a scheduler's address"),
        (["--dask", "foo://host:1"], "'local' or a scheduler's address"),
        (["--dask", "local", "--workers", "2"], "--workers is threads on this machine"),
        (["--dask-workers", "2"], "--dask-workers is for --dask local"),
        (["--dask", "tcp://host:8786", "--dask-workers", "2"], "only for a local cluster"),
        (["--dask", "local", "--dask-workers", "0"], "workers must be"),
        (["--dask", "local", "--dask-timeout", "0"], "timeout must be"),
    ],
)
def test_dask_options_are_checked_before_any_cluster_starts(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["simulate", str(SCHEME), *args])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert message in err
    assert "Traceback" not in err


def test_what_goes_to_the_workers_pickles_without_compiled_code(
    scheme: motivsim.Scheme,
) -> None:
    """Each task carries the prepared job (as its Job: the scheme's fields, no evaluators) and
    a range of blocks; a worker compiles the job once (cached by its token)."""
    kpis = {"revenue": 12_000_000, "cars_sold": 11}
    pay = scheme.pay(kpis)  # caches compiled evaluators
    assert set(scheme.__getstate__()) == {f.name for f in fields(scheme)}
    job = make_job(scheme, runs=1_000, periods=12, seed=1, keep_raw=False)
    prep = prepare(job)
    sent = pickle.dumps((run_blocks, prep, 0, 1, 1), protocol=pickle.HIGHEST_PROTOCOL)
    assert len(sent) < len(pickle.dumps(job)) + 200  # the job, and little else
    fn, again, lo, hi, chunk = pickle.loads(sent)
    assert again is prep  # rebuilt from its job, from this process's cache
    assert fn(again, lo, hi, chunk).counts == run_blocks(prep, 0, 1, 1).counts
    clone = pickle.loads(pickle.dumps(job))
    assert clone.token == job.token
    assert clone.scheme.pay(kpis) == pay


# -- check, compare, plot and report on the cluster ----------------------------------------------
class _Counting(Executor):
    """An executor that hands its tasks to another and counts them."""

    def __init__(self, inner: Executor) -> None:
        self.inner, self.submitted = inner, 0
        self.names: list[str] = []  # the function of each task

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        self.submitted += 1
        self.names.append(fn.__name__)
        return self.inner.submit(fn, *args, **kwargs)


@pytest.mark.parametrize("name", ["dealership.toml", "team_dealership.toml"])
def test_check_on_the_cluster_gives_the_figures_of_one_worker(client: Any, name: str) -> None:
    scheme = motivsim.load(SCHEMES / name)
    alone = motivsim.check(scheme, samples=20_000, seed=SEED)
    with client.get_executor() as inner:
        executor = _Counting(inner)
        spread = motivsim.check(scheme, samples=20_000, seed=SEED, executor=executor)
    assert executor.submitted == 4  # the three principles and the scan for design mistakes
    assert spread.to_dict() == alone.to_dict()
    assert str(spread) == str(alone)


def test_compare_on_the_cluster_gives_the_figures_of_one_worker(client: Any) -> None:
    old, new = SCHEMES / "dealership.toml", SCHEMES / "dealership_ru.toml"
    kwargs: dict[str, Any] = {"samples": 20_000, "seed": SEED, "max_cut": 0.05}
    alone = motivsim.compare(old, new, **kwargs)
    with client.get_executor() as inner:
        executor = _Counting(inner)
        spread = motivsim.compare(old, new, executor=executor, **kwargs)
    assert executor.submitted == 6  # three principles of each scheme
    assert spread.to_dict() == alone.to_dict()
    assert str(spread) == str(alone)
    assert alone.principles  # the principle checks did run


def test_report_and_distribution_on_the_cluster_give_the_figures_of_one_worker(
    client: Any, scheme: motivsim.Scheme
) -> None:
    from motivsim.reporting.html import collect
    from motivsim.reporting.plot.distribution import distribution_data

    alone = collect(scheme, samples=2_000, runs=2_000, seed=SEED, periods=3)
    with client.get_executor() as executor:
        spread = collect(
            scheme, samples=2_000, runs=2_000, seed=SEED, periods=3, executor=executor, workers=2
        )
        data = distribution_data(scheme, runs=2_000, seed=SEED, executor=executor, workers=2)
    assert spread.errors == alone.errors == {}
    assert spread.check is not None
    assert alone.check is not None
    assert spread.check.to_dict() == alone.check.to_dict()
    assert spread.simulation is not None
    assert alone.simulation is not None
    assert spread.simulation.to_dict() == alone.simulation.to_dict()
    reference = distribution_data(scheme, runs=2_000, seed=SEED)
    for mine, theirs in ((data.manager, reference.manager), (data.payroll, reference.payroll)):
        assert mine.to_dict() == theirs.to_dict()
        assert (mine.quantiles == theirs.quantiles).all()


@pytest.fixture
def joined(client: Any, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """``--dask ADDRESS`` joins the module's cluster (one cluster for the module); the list
    gets each address asked for."""
    asked: list[str] = []

    @contextmanager
    def join(address: str, *, workers: int | None = None, timeout: float = 0) -> Iterator[Any]:
        asked.append(address)
        with client.get_executor() as executor:
            threads = sum(client.nthreads().values())
            yield cluster_module.Cluster(executor, threads, "the test cluster", client)

    monkeypatch.setattr(cluster_module, "dask_cluster", join)
    return asked


@pytest.mark.parametrize(
    "command",
    [
        ["check", str(SCHEME), "--seed", "7", "--samples", "5000", "--json"],
        ["check", str(SCHEMES / "dealership.toml"), "--seed", "7"],
        [
            *("compare", str(SCHEMES / "dealership.toml"), str(SCHEMES / "dealership_ru.toml")),
            *("--seed", "7", "--samples", "5000", "--json"),
        ],
    ],
    ids=["check-team", "check", "compare"],
)
def test_cli_check_and_compare_with_dask_print_the_same(
    joined: list[str], command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(command)
    alone = capsys.readouterr().out
    assert main([*command, "--dask", "tcp://127.0.0.1:8786"]) == code
    out, err = capsys.readouterr()
    assert joined == ["tcp://127.0.0.1:8786"]
    assert out == alone
    assert "Traceback" not in err


def test_cli_report_and_plot_with_dask_write_the_same(
    joined: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("matplotlib", reason="the plot extra is not installed")
    report = ["report", str(SCHEME), "--seed", "7", "--samples", "2000", "--runs", "2000"]
    assert main([*report, "--out", str(tmp_path / "alone.html")]) == 0
    assert main([*report, "--out", str(tmp_path / "dask.html"), "--dask", "local"]) == 0
    plot = ["plot", str(SCHEME), "--kind", "distribution", "--seed", "7", "--runs", "2000"]
    assert main([*plot, "--out", str(tmp_path / "alone.png")]) == 0
    assert main([*plot, "--out", str(tmp_path / "dask.png"), "--dask", "local"]) == 0
    capsys.readouterr()
    assert joined == ["local", "local"]
    alone, spread = ((tmp_path / f"{n}.html").read_bytes() for n in ("alone", "dask"))
    assert spread == alone
    alone, spread = ((tmp_path / f"{n}.png").read_bytes() for n in ("alone", "dask"))
    assert spread == alone


@pytest.mark.parametrize(
    "command",
    [
        ["check", str(SCHEME)],
        ["compare", str(SCHEME), str(SCHEME)],
        ["plot", str(SCHEME), "--kind", "distribution", "--out", "never.png"],
        ["report", str(SCHEME), "--out", "never.html"],
        ["tune", str(SCHEME), "--vary", "base=0..60000"],
    ],
    ids=["check", "compare", "plot", "report", "tune"],
)
def test_dask_workers_without_dask_local_is_an_error(
    command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code = main([*command, "--dask-workers", "2"])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert "--dask-workers is for --dask local" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("command", "message"),
    [
        (["check", str(SCHEME), "--dask", "local", "--dask-timeout", "0"], "timeout must be"),
        (["compare", str(SCHEME), str(SCHEME), "--dask", "nonsense"], "a scheduler's address"),
        (
            ["compare", str(SCHEME), str(SCHEME), "--dask", "tcp://h:1", "--dask-workers", "2"],
            "only for a local cluster",
        ),
        (
            ["plot", str(SCHEME), "--out", "never.png", "--dask", "local"],
            "--kind curve simulates nothing",
        ),
    ],
)
def test_dask_options_of_other_commands_are_checked_before_any_cluster_starts(
    command: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(command)
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert message in err
    assert "Traceback" not in err


@pytest.mark.parametrize("verb", ["check", "compare"])
def test_without_the_extra_check_and_compare_say_what_to_install(
    verb: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed fails
    monkeypatch.setitem(sys.modules, "dask.distributed", None)
    schemes = [str(SCHEME)] * (2 if verb == "compare" else 1)
    code = main([verb, *schemes, "--dask", "local"])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert "install it with pip install 'motivsim[dask]'" in err
    assert "Traceback" not in err


def test_an_executor_that_is_not_one_is_refused(scheme: motivsim.Scheme) -> None:
    with pytest.raises(ArgumentTypeError, match=r"concurrent\.futures\.Executor"):
        motivsim.check(scheme, executor="local")  # type: ignore[arg-type]
    with pytest.raises(ArgumentTypeError, match=r"concurrent\.futures\.Executor"):
        motivsim.compare(scheme, scheme, executor=object())  # type: ignore[arg-type]
    with pytest.raises(ArgumentTypeError, match=r"concurrent\.futures\.Executor"):
        motivsim.tune(scheme, {"base": (0, 60_000)}, executor="local")  # type: ignore[arg-type]


# -- tune on the cluster -------------------------------------------------------------------------
DEALERSHIP = SCHEMES / "dealership.toml"
#: Searches that use every kind of batch: one dimension with the lever solved for the cost (the
#: grid, the feasible interval's ends, its closest point), three dimensions (a coarse grid, then
#: Nelder-Mead from its two best points), and one that finds no plan (what binds, from every
#: candidate seen, in the order seen).
TUNES: dict[str, tuple[Path, dict[str, Any]]] = {
    "lever": (
        DEALERSHIP,
        {
            "vary": {"base": (0, 60_000), "plan": (8_000_000, 14_000_000)},
            "payroll": "current",
            "samples": 40_000,
        },
    ),
    "grid": (
        SCHEMES / "saas_ae.toml",
        {
            "vary": {
                "base": (0, 20_000),
                "target_incentive": (10_000, 60_000),
                "quota": (200_000, 400_000),
            },
            "cost_of_sales": "8%",
            "samples": 20_000,
        },
    ),
    "binding": (
        DEALERSHIP,
        {"vary": {"plan": (5_000_000, 15_000_000)}, "share_reaching": {0.7: (0.85, 0.95)}},
    ),
}


@pytest.mark.parametrize("case", list(TUNES))
def test_tune_on_the_cluster_gives_the_result_of_one_worker(client: Any, case: str) -> None:
    path, kwargs = TUNES[case]
    scheme = motivsim.load(path)
    alone = motivsim.tune(scheme, seed=SEED, **kwargs)
    with client.get_executor() as inner:
        executor = _Counting(inner)
        spread = motivsim.tune(scheme, seed=SEED, executor=executor, **kwargs)
    assert spread.params == alone.params
    assert spread.to_dict() == alone.to_dict()
    assert str(spread) == str(alone)
    assert spread.binding == alone.binding
    assert spread.outcome.evaluations == alone.outcome.evaluations
    assert alone.passed is (case != "binding")
    # the fresh figures before and after: three principle tasks and one of cost each
    fresh = 2 if alone.params != {v.name: v.current for v in alone.varied} else 1
    assert executor.names.count("_cost") == fresh
    assert executor.names.count("run") == 3 * fresh
    # and the search's batches of candidates
    assert executor.names.count("_search_calls") >= 8
    assert executor.submitted == len(executor.names)


@pytest.mark.parametrize("tasks", [1, 3])
def test_tune_does_not_depend_on_how_the_batches_are_cut(
    client: Any, tasks: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, kwargs = TUNES["lever"]
    scheme = motivsim.load(path)
    alone = motivsim.tune(scheme, seed=SEED, **kwargs)
    monkeypatch.setattr(search_module, "_TASKS", tasks)
    with client.get_executor() as executor:
        spread = motivsim.tune(scheme, seed=SEED, executor=executor, **kwargs)
    assert spread.to_dict() == alone.to_dict()
    assert str(spread) == str(alone)


def test_tune_draws_go_to_the_workers_as_their_recipe() -> None:
    """A task carries the search draws as the arguments they were drawn from (not megabytes of
    draws); a process that unpickles them draws the same numbers again, once."""
    scheme = motivsim.load(DEALERSHIP)
    draws = search_module.Draws(
        scheme, samples=100_000, seed=SEED, check_samples=20_000, control=True
    )
    sent = pickle.dumps(draws.head(0.25))
    assert len(sent) < 20_000
    search_module._DRAWN.clear()
    again = pickle.loads(sent)
    assert list(search_module._DRAWN) == [draws.recipe.token]  # drawn once, kept
    assert pickle.loads(sent).cells[0].values["revenue"] is not None
    assert list(search_module._DRAWN) == [draws.recipe.token]
    for mine, theirs in zip(again.cells, draws.head(0.25).cells, strict=True):
        for name, values in theirs.values.items():
            assert (mine.values[name] == values).all()
    candidate = scheme.with_params({"base": 20_000})
    assert again.figures(candidate, ()) == draws.head(0.25).figures(candidate, ())


@pytest.mark.parametrize(
    "extra", [[], ["--json"], ["--vary", "plan=8_000_000..14_000_000", "--payroll", "current"]]
)
def test_cli_tune_with_dask_prints_the_same(
    joined: list[str], extra: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    command = ["tune", str(DEALERSHIP), "--vary", "base=0..60000", "--seed", "7", *extra]
    command += ["--samples", "40000"] if "--payroll" in extra else []
    code = main(command)
    alone = capsys.readouterr().out
    assert main([*command, "--dask", "tcp://127.0.0.1:8786"]) == code == 0
    out, err = capsys.readouterr()
    assert joined == ["tcp://127.0.0.1:8786"]
    assert out == alone
    assert "Traceback" not in err


def test_cli_tune_writes_the_same_scheme_with_dask(
    joined: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    command = ["tune", str(DEALERSHIP), "--vary", "base=0..60000", "--seed", "7", "-q"]
    assert main([*command, "--out", str(tmp_path / "alone.toml")]) == 0
    assert main([*command, "--out", str(tmp_path / "dask.toml"), "--dask", "local"]) == 0
    capsys.readouterr()
    assert joined == ["local"]
    assert (tmp_path / "dask.toml").read_bytes() == (tmp_path / "alone.toml").read_bytes()


def test_without_the_extra_tune_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed fails
    monkeypatch.setitem(sys.modules, "dask.distributed", None)
    code = main(["tune", str(DEALERSHIP), "--vary", "base=0..60000", "--dask", "local"])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert "install it with pip install 'motivsim[dask]'" in err
    assert "Traceback" not in err
