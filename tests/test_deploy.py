"""Deployment files and guides agree with the Makefile, pyproject.toml and the course.

What runs here: the Dockerfile is parsed (no Docker engine is needed), the
Makefile is dry-run with `make -n`, and the hub settings are loaded as Jupyter
would load them. Building images and running a hub or Binder are not tested.
"""

from __future__ import annotations

import fnmatch
import json
import os
import re
import runpy
import shlex
import shutil
import subprocess
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from packaging.specifiers import SpecifierSet
from traitlets.config import Config

from tests.browser import REPO
from widgets.authoring.safety import dose_wording
from widgets.core.loader import DATA_DIR, course, load_course
from widgets.core.question_types import QUESTION_TYPES, check_question
from widgets.server.app import HOME

COURSE_HOME = "/voila/render/index.ipynb"
GUIDES = [REPO / "docs" / "authoring.md", REPO / "docs" / "deploy.md", REPO / "README.md"]


# --- Makefile and Dockerfile -------------------------------------------------------------


def make_dry_run(*args: str) -> list[str]:
    """The commands `make` would run, with the Makefile's defaults (no PORT override)."""
    ignored = {"PORT", "PYTHON", "MAKEFLAGS", "MAKELEVEL", "MFLAGS"}
    env = {k: v for k, v in os.environ.items() if k not in ignored}
    result = subprocess.run(
        ["make", "--no-print-directory", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.splitlines()


def dockerfile_stages() -> dict[str, list[tuple[str, str]]]:
    """Each build stage's instructions as (INSTRUCTION, arguments), continuations joined."""
    text = re.sub(r"\\\n", " ", (REPO / "Dockerfile").read_text(encoding="utf-8"))
    stages: dict[str, list[tuple[str, str]]] = {}
    current = ""
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        instruction, _, arguments = line.partition(" ")
        if instruction.upper() == "FROM":
            match = re.fullmatch(r"(\S+)(?:\s+as\s+(\S+))?", arguments.strip(), re.IGNORECASE)
            assert match, line
            current = match[2] or match[1]
            stages[current] = [("FROM", match[1])]
        else:  # (an ARG before the first FROM lands in stage "")
            stages.setdefault(current, []).append((instruction.upper(), arguments.strip()))
    return stages


def stage_chain(name: str) -> list[tuple[str, str]]:
    """A stage's instructions, preceded by those of the stages it is built FROM."""
    stages = dockerfile_stages()
    parent = stages[name][0][1]
    return (stage_chain(parent) if parent in stages else []) + stages[name]


def final_stage() -> list[tuple[str, str]]:
    """The stage `docker build` makes without --target: the last one."""
    return stage_chain(list(dockerfile_stages())[-1])


def run_commands(chain: list[tuple[str, str]]) -> list[str]:
    return [part.strip() for op, args in chain if op == "RUN" for part in args.split("&&")]


def env_of(chain: list[tuple[str, str]]) -> dict[str, str]:
    pairs = (word.split("=", 1) for op, args in chain if op == "ENV" for word in shlex.split(args))
    return dict(pairs)


def image_cmd(chain: list[tuple[str, str]]) -> list[str]:
    return json.loads([args for op, args in chain if op == "CMD"][-1])


def without_extras(words: list[str]) -> list[str]:
    """`-e .[test]` -> `.`: the image leaves out the test tools and needs no editable
    install (the package carries the course data)."""
    return [re.sub(r"^\.\[[^\]]*\]$", ".", word) for word in words if word != "-e"]


@pytest.mark.parametrize(
    "program, packages", [("CHROMIUM", "chromium"), ("NPM", "nodejs npm")], ids=str.lower
)
def test_make_test_installs_a_missing_debian_program_as_root_and_otherwise_names_the_command(
    tmp_path, program, packages
):
    missing = make_dry_run("-n", "test", f"{program}={tmp_path / 'missing'}")
    recipe = "\n".join(missing)
    assert f"apt-get install -y -qq {packages}" in recipe
    assert f"make test needs {packages}: run 'sudo apt-get install -y {packages}', then" in recipe
    assert recipe.index("apt-get install") < recipe.index("-m pytest"), "programs first, then tests"
    present = "\n".join(make_dry_run("-n", "test", f"{program}={REPO / 'README.md'}"))
    assert f"apt-get install -y -qq {packages}" not in present


def test_the_hub_proxy_waits_for_npm_at_its_default_path():
    """Without an override, the proxy's rule names npm, so a machine without it installs
    it first (a definition further down the Makefile left the prerequisite empty, and the
    test above passed only because it sets NPM on the command line)."""
    env = {k: v for k, v in os.environ.items() if k != "NPM"}
    database = subprocess.run(
        ["make", "--no-print-directory", "-pn", "setup"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rule = next(
        line
        for line in database.splitlines()
        if line.startswith("deploy/hub/node_modules/.bin/configurable-http-proxy:")
    )
    assert rule.rstrip().endswith("| /usr/bin/npm"), rule


def fake_programs(folder: Path, **scripts: str) -> dict[str, str]:
    """An environment whose PATH starts with `folder`, holding these shell scripts."""
    folder.mkdir(exist_ok=True)
    for name, body in scripts.items():
        (folder / name).write_text(f"#!/bin/sh\n{body}\n")
        (folder / name).chmod(0o755)
    return {**os.environ, "PATH": f"{folder}:{os.environ['PATH']}"}


# A Debian python3 without python3-venv: `import ensurepip` and `-m venv` fail.
NO_VENV_MODULE = 'case "$*" in *ensurepip*|*venv*) exit 1;; esac; exec python3 "$@"'


def make_setup(tmp_path: Path, env: dict[str, str], python: Path) -> subprocess.CompletedProcess:
    venv = tmp_path / "venv"
    return subprocess.run(
        ["make", "--no-print-directory", "setup", f"PYTHON={python}", f"VENV={venv}"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
    )


def test_set_up_without_the_venv_module_names_the_command_for_a_user(tmp_path):
    env = fake_programs(tmp_path / "bin", id="echo 1000", fakepython=NO_VENV_MODULE)
    result = make_setup(tmp_path, env, tmp_path / "bin" / "fakepython")
    assert result.returncode != 0
    assert (
        "make setup needs python3-venv: run 'sudo apt-get install -y python3-venv', then "
        "'make setup' again." in result.stderr
    )
    assert not (tmp_path / "venv").exists(), "nothing left behind to block the next run"


def test_set_up_without_the_venv_module_installs_it_as_root(tmp_path):
    log = tmp_path / "apt.log"
    env = fake_programs(
        tmp_path / "bin",
        id="echo 0",
        fakepython=NO_VENV_MODULE,
        **{"apt-get": f'echo "$*" >> {log}'},
    )
    make_setup(tmp_path, env, tmp_path / "bin" / "fakepython")
    assert "install -y -qq python3-venv" in log.read_text()


def test_a_venv_without_pip_is_made_again_and_a_failed_one_removed(tmp_path):
    """The first failure (no venv module) used to leave a .venv without pip, which the
    Makefile took for a good one: `No module named pip` until the user deleted it."""
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "python").write_text("#!/bin/sh\nexit 1\n")
    (venv / "bin" / "python").chmod(0o755)
    made = tmp_path / "made.log"
    # A python3 whose `-m venv DIR` makes a venv whose python accepts anything.
    maker = (
        f'if [ "$1" = -m ] && [ "$2" = venv ]; then mkdir -p "$3/bin"; echo "$3" >> {made}; '
        'printf "#!/bin/sh\\nexit 0\\n" > "$3/bin/python"; chmod +x "$3/bin/python"; exit 0; fi; '
        'exec python3 "$@"'
    )
    env = fake_programs(
        tmp_path / "bin", id="echo 1000", goodpython=maker, badpython='[ "$1" = -c ] || exit 1'
    )
    assert make_setup(tmp_path, env, tmp_path / "bin" / "goodpython").returncode == 0
    assert made.read_text().split() == [str(venv)] and (venv / ".installed").exists()
    shutil.rmtree(venv)
    assert make_setup(tmp_path, env, tmp_path / "bin" / "badpython").returncode != 0
    assert not venv.exists()


def test_ci_runs_the_readme_test_command():
    assert (REPO / ".ci" / "run").read_text().splitlines()[-1] == "make test"


def test_docker_image_installs_the_course_with_the_pip_steps_of_make_setup():
    make_lines = make_dry_run("-n", "-B", "setup")
    make_pip = [without_extras(shlex.split(line)) for line in make_lines if "-m pip " in line]
    docker = run_commands(final_stage())
    docker_pip = [shlex.split(command) for command in docker if "-m pip " in command]
    assert make_pip, make_lines
    assert docker_pip == make_pip
    make_venv = next(line for line in make_lines if "-m venv" in line)
    assert any(command in make_venv for command in docker if "-m venv" in command)


def test_docker_image_serves_with_the_voila_command_of_make_app_on_all_interfaces():
    voila_lines = [line for line in make_dry_run("-n", "app") if "-m widgets.server " in line]
    make_command = shlex.split(voila_lines[-1])
    assert image_cmd(final_stage()) == [*make_command, "--Voila.ip=0.0.0.0"]
    # ...because voila.json, which the command reads, binds to the machine itself.
    assert json.loads((REPO / "voila.json").read_text())["Voila"]["ip"] == "127.0.0.1"


def test_docker_image_exposes_the_port_it_serves():
    chain = final_stage()
    ports = [word.split("=", 1)[1] for word in image_cmd(chain) if word.startswith("--port=")]
    exposed = [args.split("/")[0] for op, args in chain if op == "EXPOSE"]
    assert ports and exposed == ports


def runnable_stages() -> list[str]:
    return [name for name in dockerfile_stages() if any(op == "CMD" for op, _ in stage_chain(name))]


@pytest.mark.parametrize("stage", runnable_stages())
def test_docker_images_do_not_run_as_root(stage):
    chain = stage_chain(stage)
    users = [args.split(":")[0] for op, args in chain if op == "USER"]
    assert users, "no USER: the image would run as root"
    assert users[-1] not in {"root", "0"}


def test_docker_image_runs_voila_where_voila_json_is_and_needs_no_template_path():
    chain = final_stage()
    assert ("COPY", ". .") in chain
    assert (REPO / "voila.json").is_file()
    # The template comes with the install (pyproject.toml shared-data), as everywhere.
    assert "JUPYTER_PATH" not in env_of(chain)


def docker_ignores(path: str) -> bool:
    patterns = [
        line.strip()
        for line in (REPO / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    parts = path.split("/")
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    for pattern in patterns:
        if pattern.startswith("**/"):
            if any(fnmatch.fnmatch(part, pattern[3:]) for part in parts):
                return True
        elif any(fnmatch.fnmatch(prefix, pattern) for prefix in prefixes):
            return True
    return False


@pytest.mark.parametrize(
    "path",
    [
        "voila.json",
        "pyproject.toml",
        "README.md",
        "notebooks/index.ipynb",
        "course_data/course.yaml",
        "widgets/core/loader.py",
        "widgets/course_data",
        "share/jupyter/voila/templates/kcourse/conf.json",
        "widgets/server/hub.py",
    ],
)
def test_docker_build_context_keeps_what_the_image_needs(path):
    assert (REPO / path).exists()
    assert not docker_ignores(path)


@pytest.mark.parametrize("path", [".venv/bin/python", ".git/HEAD", "widgets/__pycache__/x.pyc"])
def test_docker_build_context_leaves_out_local_environments_and_caches(path):
    assert docker_ignores(path)


def test_docker_and_binder_pythons_satisfy_requires_python():
    requires = SpecifierSet(
        tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["requires-python"]
    )
    base_image = final_stage()[0][1]
    assert re.fullmatch(r"python:(\d+\.\d+)-slim", base_image)[1] in requires
    environment = yaml.safe_load((REPO / "environment.yml").read_text())
    conda_python = next(d for d in environment["dependencies"] if str(d).startswith("python="))
    assert conda_python.split("=")[1] in requires


# --- Binder --------------------------------------------------------------------------------


def test_binder_link_in_the_deploy_guide_opens_the_course_home():
    text = (REPO / "docs" / "deploy.md").read_text()
    paths = re.findall(r"urlpath=(\S+?)(?:[\s`)]|$)", text)
    assert paths
    for path in paths:
        # Binder's server starts in the repository, so the path is relative to it.
        assert path.startswith("voila/render/")
        assert (REPO / path.removeprefix("voila/render/")).is_file()


# --- JupyterHub ----------------------------------------------------------------------------


COURSE_SERVICE = ["-m", "widgets.server.hub"]
SERVICE_HOME = "/services/course/" + HOME  # widgets.server.app.HOME, on the hub
LEARNER_SCOPES = {
    "read:users:name!user",
    "read:users:groups!user",
    "access:services!service=course",
}
KERNEL_CULL = [
    "--MappingKernelManager.cull_idle_timeout=3600",
    "--MappingKernelManager.cull_connected=True",
]


def load_hub_config(state: Path, monkeypatch: pytest.MonkeyPatch) -> Config:
    monkeypatch.setenv("KCOURSE_HUB_STATE", str(state))
    config = Config()
    runpy.run_path(str(REPO / "deploy" / "jupyterhub_config.py"), {"get_config": lambda: config})
    return config


def test_make_hub_serves_the_course_as_one_service_on_this_machine_only(tmp_path, monkeypatch):
    config = load_hub_config(tmp_path, monkeypatch)
    assert config.JupyterHub.ip == config.JupyterHub.hub_ip == "127.0.0.1"
    (service,) = config.JupyterHub.services
    assert service["name"] == "course" and service["oauth_no_confirm"]
    assert service["url"].startswith("http://127.0.0.1:")
    assert service["command"][1:3] == COURSE_SERVICE
    notebooks, settings, *culling = service["command"][3:]
    assert Path(notebooks) == REPO / "notebooks"
    assert (Path(settings.removeprefix("--Voila.config_file_paths=")) / "voila.json").is_file()
    assert culling[:2] == KERNEL_CULL  # and how often to look, from KCOURSE_HUB_CULL_AFTER
    assert culling[2].startswith("--MappingKernelManager.cull_interval=")
    assert config.JupyterHub.default_url == SERVICE_HOME
    assert Path(config.JupyterHub.db_url.removeprefix("sqlite:///")).parent == tmp_path


def test_make_hub_learners_may_use_the_course_and_start_no_server(tmp_path, monkeypatch):
    config = load_hub_config(tmp_path, monkeypatch)
    (role,) = config.JupyterHub.load_roles
    assert role["name"] == "user"
    assert set(role["scopes"]) == LEARNER_SCOPES  # not "self", which holds servers!user


def test_make_hub_uses_the_proxy_the_project_installs_from_npm(tmp_path, monkeypatch):
    config = load_hub_config(tmp_path, monkeypatch)
    proxy = Path(config.ConfigurableHTTPProxy.command[0])
    package = json.loads((REPO / "deploy" / "hub" / "package.json").read_text())
    assert proxy == REPO / "deploy" / "hub" / "node_modules" / ".bin" / "configurable-http-proxy"
    assert "configurable-http-proxy" in package["dependencies"]
    lock = (REPO / "deploy" / "hub" / "package-lock.json").read_text()
    assert '"resolved"' not in lock, "the lock file names no download addresses"
    makefile = (REPO / "Makefile").read_text()
    assert f"HUB_PROXY := {proxy.relative_to(REPO)}" in makefile


def test_z2jh_registers_the_course_service_the_course_deployment_runs():
    config = yaml.safe_load((REPO / "deploy" / "z2jh-config.yaml").read_text())["hub"]
    service = config["services"]["course"]
    assert (
        config["loadRoles"]["user"]["scopes"]
        and set(config["loadRoles"]["user"]["scopes"]) == LEARNER_SCOPES
    )
    assert config["config"]["JupyterHub"]["default_url"] == SERVICE_HOME
    deployment, k8s_service = yaml.safe_load_all((REPO / "deploy" / "z2jh-course.yaml").read_text())
    assert (
        service["url"]
        == f"http://{k8s_service['metadata']['name']}:{k8s_service['spec']['ports'][0]['port']}"
    )
    pod = deployment["spec"]["template"]
    assert pod["metadata"]["labels"]["hub.jupyter.org/network-access-hub"] == "true"
    assert k8s_service["spec"]["selector"].items() <= pod["metadata"]["labels"].items()
    (container,) = pod["spec"]["containers"]
    env = {item["name"]: item.get("value") for item in container["env"]}
    assert env["JUPYTERHUB_CLIENT_ID"] == service["oauth_client_id"]
    assert env["JUPYTERHUB_OAUTH_CALLBACK_URL"] == service["oauth_redirect_uri"]
    assert env["JUPYTERHUB_SERVICE_PREFIX"] == "/services/course/"
    assert "JUPYTERHUB_API_TOKEN" in env and container["resources"]["limits"]["memory"]
    assert container["image"].split(":")[0] in (REPO / "deploy" / "z2jh-course.yaml").read_text()
    # The image: jupyterhub at the hub's version, the course service as its command,
    # run from where voila.json is, not as root.
    image = stage_chain("hub-course")
    assert image_cmd(image)[1:3] == COURSE_SERVICE and image_cmd(image)[4:] == KERNEL_CULL
    assert "jupyterhub==" in " && ".join(run_commands(image))


def test_tljh_setup_serves_the_course_service_and_installs_like_make_setup():
    script = REPO / "deploy" / "tljh-setup.sh"
    text = script.read_text()
    subprocess.run(["bash", "-n", str(script)], check=True)
    assert f'c.JupyterHub.default_url = "{SERVICE_HOME}"' in text
    assert '"command": ["$USER_ENV/bin/python", "-m", "widgets.server.hub",' in text
    assert '"$COURSE_DIR/notebooks", "--Voila.config_file_paths=$COURSE_DIR",' in text
    assert all(f'"{flag}"' in text for flag in KERNEL_CULL)
    assert all(scope in text for scope in LEARNER_SCOPES)
    assert '"user": "$COURSE_USER"' in text  # not root, which the hub runs as on TLJH
    assert '-m pip install --quiet -e "$COURSE_DIR"' in text
    assert "set -euo pipefail" in text


# --- Guides --------------------------------------------------------------------------------


def yaml_examples() -> list[tuple[str, Any]]:
    """Each ```yaml block of the authoring guide, with its raw text."""
    text = (REPO / "docs" / "authoring.md").read_text()
    blocks = re.findall(r"^```yaml\n(.*?)^```", text, re.DOTALL | re.MULTILINE)
    return [(block, yaml.safe_load(block)) for block in blocks]


def example_kind(example: Any) -> str:
    if isinstance(example, dict) and {"section", "questions", "reflections"} <= example.keys():
        return "quiz file"
    if isinstance(example, list) and len(example) == 1 and isinstance(example[0], dict):
        item = example[0]
        for key, kind in (
            ("model_answer", "reflection"),
            ("notebook", "section"),
            ("review_by", "claim"),
        ):
            if key in item:
                return kind
        if "authors" in item:
            return "reference"
        if item.get("type") in QUESTION_TYPES:
            return item["type"]
    return "unrecognised"


def schema_for(kind: str) -> jsonschema.Draft202012Validator:
    def load(name: str) -> dict[str, Any]:
        return json.loads((DATA_DIR / "schema" / f"{name}.schema.json").read_text())

    quiz = load("quiz")
    if kind == "quiz file":
        return jsonschema.Draft202012Validator(quiz)
    if kind in QUESTION_TYPES or kind == "reflection":
        ref = "reflection" if kind == "reflection" else "question"
        return jsonschema.Draft202012Validator({"$defs": quiz["$defs"], "$ref": f"#/$defs/{ref}"})
    name, key = {
        "section": ("course", "sections"),
        "reference": ("references", "references"),
        "claim": ("claims", "claims"),
    }[kind]
    whole = load(name)
    return jsonschema.Draft202012Validator(
        {"$defs": whole["$defs"], **whole["properties"][key]["items"]}
    )


def test_authoring_guide_shows_an_example_of_every_question_type_and_a_reflection():
    kinds = [example_kind(example) for _, example in yaml_examples()]
    assert "unrecognised" not in kinds
    assert {*QUESTION_TYPES, "reflection", "section", "quiz file", "reference"} <= set(kinds)


@pytest.mark.parametrize(
    ("raw", "example"),
    [
        pytest.param(raw, example, id=f"{n}-{example_kind(example)}")
        for n, (raw, example) in enumerate(yaml_examples(), 1)
    ],
)
def test_authoring_guide_yaml_example_is_valid_against_the_schema(raw, example):
    kind = example_kind(example)
    item = example if kind == "quiz file" else example[0]
    errors = [e.message for e in schema_for(kind).iter_errors(item)]
    assert errors == [], raw
    found = dose_wording(raw)
    assert found == [], "dose wording in a guide example"
    questions = (
        item["questions"] if kind == "quiz file" else [item] if kind in QUESTION_TYPES else []
    )
    for question in questions:
        assert check_question(question, set(course().references)) == []


def test_authoring_guide_examples_pass_validate_when_added_to_the_course(
    course_copy: Path, edit_yaml: Callable[[Path, Callable[[Any], None]], None]
):
    by_kind: dict[str, list[Any]] = {}
    for _, example in yaml_examples():
        kind = example_kind(example)
        by_kind.setdefault(kind, []).append(example if kind == "quiz file" else example[0])
    questions = [q for kind in QUESTION_TYPES for q in by_kind[kind]]
    [section], [quiz], [reference] = by_kind["section"], by_kind["quiz file"], by_kind["reference"]
    assert quiz["section"] == section["id"]

    def add_questions(data: Any) -> None:
        data["questions"] += questions
        data["reflections"] += by_kind["reflection"]

    edit_yaml(course_copy / "quizzes" / "welcome.yaml", add_questions)
    edit_yaml(course_copy / "course.yaml", lambda data: data["sections"].append(section))
    edit_yaml(course_copy / "references.yaml", lambda data: data["references"].append(reference))
    (course_copy / "quizzes" / f"{section['id']}.yaml").write_text(yaml.safe_dump(quiz))
    (course_copy.parent / "notebooks" / section["notebook"]).write_text("{}")

    loaded = load_course(course_copy)
    assert loaded.sections[-1].id == section["id"]
    assert {q["id"] for q in questions} <= {q["id"] for q in loaded.quizzes["welcome"].questions}


def code_free(markdown: str) -> str:
    """The text without fenced blocks and inline code (where links are only examples)."""
    return re.sub(r"`[^`\n]*`", "", re.sub(r"^```.*?^```", "", markdown, flags=re.S | re.M))


def heading_anchors(markdown: str) -> set[str]:
    headings = re.findall(
        r"^#+\s+(.*)$", re.sub(r"^```.*?^```", "", markdown, flags=re.S | re.M), re.M
    )
    return {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-") for h in headings}


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_guide_links_point_to_files_and_headings_that_exist(guide):
    text = guide.read_text()
    for target in re.findall(r"\]\(([^)\s]+)\)", code_free(text)):
        if target.startswith(("http://", "https://", "mailto:")):
            continue
        path, _, anchor = target.partition("#")
        if path:
            assert (guide.parent / path).exists(), target
        elif anchor:
            assert anchor in heading_anchors(text), target


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_guide_file_paths_in_code_exist(guide):
    """`course_data/...`, `deploy/...` and other paths into the repository are real, or made
    by a set-up step that git ignores (`deploy/hub/node_modules` from `npm ci`): a fresh
    clone has not run it yet."""
    top_level = {entry.name for entry in REPO.iterdir()}
    text = re.sub(r"^```.*?^```", "", guide.read_text(), flags=re.S | re.M)
    for span in re.findall(r"`([^`\n]+)`", text):
        if re.search(r"[\s<>*{}$]", span) or span.startswith("/"):
            continue
        if span.split("/")[0] in top_level:
            # Both spellings: a folder pattern ("name/") matches only a path ending in "/".
            ignored = any(
                subprocess.run(["git", "check-ignore", "-q", path], cwd=REPO).returncode == 0
                for path in (span, span.rstrip("/") + "/")
            )
            assert ignored or (REPO / span).exists(), span
