# Thi đua - Khen thưởng: every target creates the virtual environment (.venv) on first use.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PYTHON := $(BIN)/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
SLUG ?=
TITLE ?=
CATEGORY ?=
SIZES ?=
DEPLOY_TARGET ?=

.DEFAULT_GOAL := help
.PHONY: help venv html serve publish check new test test-fast lint format clean bench related-debug deploy

help: ## Danh sách lệnh (this list)
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-14s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $(STAMP)

venv: $(STAMP) ## Tạo môi trường ảo .venv (create the virtual environment)

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
