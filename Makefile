# Thi đua - Khen thưởng: every target creates the virtual environment (.venv) on first use.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PYTHON := $(BIN)/python
STAMP := $(VENV)/.installed
SYNCED := $(VENV)/.synced
# Every dependency, transitive ones included, pinned with hashes (written by uv: see README).
LOCK := requirements.lock
LOCK_COMPILE = $(BIN)/uv pip compile pyproject.toml --extra test --extra dev --universal \
	--python-version 3.11 --generate-hashes --custom-compile-command "make lock" --quiet -o $(LOCK)
HOST ?= 127.0.0.1
PORT ?= 8000
SLUG ?=
TITLE ?=
CATEGORY ?=
SIZES ?=
DEPLOY_TARGET ?=

.DEFAULT_GOAL := help
.PHONY: help venv lock upgrade html serve publish check new test test-fast lint format clean bench related-debug deploy

help: ## Danh sách lệnh (this list)
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-14s %s\n", $$1, $$2}'

# Installs exactly the lock (pip refuses a file whose hash differs), then this project itself,
# editable (plugins, tools and tests import as packages), then checks that the lock still
# covers pyproject.toml.
$(SYNCED): $(LOCK)
	test -x $(PYTHON) || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes --no-deps -r $(LOCK)
	@touch $(SYNCED)

$(STAMP): $(SYNCED) pyproject.toml
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	@$(BIN)/pip check >/dev/null || { $(BIN)/pip check; \
	  echo "$(LOCK) không khớp pyproject.toml: chạy 'make lock' (lock is out of date: run 'make lock')"; \
	  exit 1; }
	@touch $(STAMP)

venv: $(STAMP) ## Tạo môi trường ảo .venv từ requirements.lock (create the venv from the lock)

lock: $(SYNCED) ## Cập nhật requirements.lock sau khi thêm thư viện vào pyproject.toml, không nâng cấp gì khác
	$(LOCK_COMPILE)
	$(MAKE) venv

upgrade: $(SYNCED) ## Nâng mọi thư viện lên bản mới nhất trong requirements.lock, rồi chạy kiểm thử
	$(LOCK_COMPILE) --upgrade
	$(MAKE) test

html: $(STAMP) ## Kiểm tra rồi xây dựng trang vào output/ (check, then build into output/)
	$(PYTHON) -m tools.build

serve: $(STAMP) ## Xây dựng (kể cả bản nháp) và xem trên http://127.0.0.1:8000, tự cập nhật
	$(PYTHON) -m tools.serve --host $(HOST) --port $(PORT)

publish: $(STAMP) ## Xây dựng bản xuất bản (publishconf.py, URL tuyệt đối, --fatal warnings)
	$(PYTHON) -m tools.build --publish

check: $(STAMP) ## Kiểm tra toàn bộ nội dung, báo mọi lỗi một lần (check all content)
	$(PYTHON) -m tools.check

new: $(STAMP) ## Tạo bài mới: make new TITLE="..." [CATEGORY="..."]
	$(PYTHON) -m tools.new_article

test: $(STAMP) ## Chạy toàn bộ kiểm thử (all tests, including lint and browser tests)
	$(BIN)/pytest -n 2 --dist loadgroup

lint: $(STAMP) ## ruff check + ruff format --check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP) ## ruff format + ruff check --fix
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(STAMP) ## Đo tốc độ và dung lượng (benchmark table); SIZES=1000,5000 to choose
	$(PYTHON) -m tools.bench $(if $(SIZES),--sizes $(SIZES),)

related-debug: $(STAMP) ## Giải thích điểm "Có thể bạn quan tâm": make related-debug SLUG=...
	$(PYTHON) -m tools.related_debug $(SLUG)

deploy: $(STAMP) ## Xuất bản output/ lên DEPLOY_TARGET (after make publish and make test)
	$(PYTHON) -m tools.deploy $(if $(DEPLOY_TARGET),--target $(DEPLOY_TARGET),)

clean: ## Xóa output/, cache/ và các thư mục tạm (keeps .venv)
	rm -rf output .output-staging .output-old .output-cache .output-stamps .output-lock cache .pytest_cache test-artifacts
	find . -name __pycache__ -type d -not -path './.venv/*' -prune -exec rm -rf {} +
