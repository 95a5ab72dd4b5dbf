#!/usr/bin/env python3
"""Checks the README's ```python examples against the Python package jsii-pacmak generated.

jsii-rosetta compiles and translates only the TypeScript examples; the Python ones are written by
hand and would drift silently when a prop or method is renamed. The main example is the consumer app
that `npx projen test:languages` runs; the others are snippets, not apps, so this checks what can be
checked statically:
  - every block is valid Python;
  - every name imported from the library exists in the generated module;
  - every Class.member used exists (static factory, enum member);
  - every keyword argument passed to a library constructor, factory or method (also on a variable
    assigned from a library constructor, e.g. `api.add_route(path=...)`) is a parameter of it.

Usage: check-readme-python.py README.md <python package dir (e.g. the unpacked wheel)>
"""
import ast
import pathlib
import re
import sys


def main() -> int:
    readme, package_dir = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    # the package itself, not its private _jsii subpackage
    init = min(package_dir.rglob("__init__.py"), key=lambda p: (p.parent.name.startswith("_"), len(p.parts)))
    module_name = init.parent.name
    generated = ast.parse(init.read_text())
    classes = {node.name: node for node in generated.body if isinstance(node, ast.ClassDef)}

    def members(cls: ast.ClassDef) -> dict:
        found = {}
        for node in cls.body:
            if isinstance(node, ast.FunctionDef):
                found[node.name] = node
            elif isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        found[target.id] = node
        return found

    def params(fn: ast.FunctionDef) -> set:
        a = fn.args
        return {x.arg for x in a.posonlyargs + a.args + a.kwonlyargs} - {"self", "cls"}

    problems = []
    blocks = re.findall(r"^```python\n(.*?)^```", readme.read_text(), re.S | re.M)
    if not blocks:
        problems.append("README.md has no ```python example")
    for index, source in enumerate(blocks, 1):
        where = f"README python example {index}"
        try:
            tree = ast.parse(source)
        except SyntaxError as err:
            problems.append(f"{where}: syntax error: {err}")
            continue
        imported = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == module_name:
                for alias in node.names:
                    if alias.name not in classes:
                        problems.append(f"{where}: {module_name} has no {alias.name}")
                    else:
                        imported[alias.asname or alias.name] = alias.name
        # variables assigned from a library constructor: `api = SecureCognitoApi(...)`
        instances = {}
        for node in ast.walk(tree):
            if (isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)
                    and isinstance(node.value.func, ast.Name) and node.value.func.id in imported):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        instances[target.id] = imported[node.value.func.id]
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                owner = imported.get(node.value.id) or instances.get(node.value.id)
                if owner and node.attr not in members(classes[owner]):
                    problems.append(f"{where}: {owner} has no member {node.attr}")
            if not isinstance(node, ast.Call):
                continue
            fn, label = None, None
            if isinstance(node.func, ast.Name) and node.func.id in imported:
                label = imported[node.func.id]
                fn = members(classes[label]).get("__init__")
            elif isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name):
                owner = imported.get(node.func.value.id) or instances.get(node.func.value.id)
                if owner:
                    label = f"{owner}.{node.func.attr}"
                    fn = members(classes[owner]).get(node.func.attr)
            if isinstance(fn, ast.FunctionDef):
                for keyword in node.keywords:
                    if keyword.arg and keyword.arg not in params(fn):
                        problems.append(f"{where}: {label}() has no parameter {keyword.arg}")

    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    print(f"{len(blocks)} README python example(s) match the generated {module_name} package")
    return 0


if __name__ == "__main__":
    sys.exit(main())
