"""What the window does to the outline (提纲操作): add, delete, move, drop, rename, the tree's menu.

Each action becomes one command on the session's undo stack; the window only
chooses the nodes, keeps the tree expanded and tells the clerk what happened.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMenu

from model.report import Node
from ui import commands as cmd
from ui.outline_view import deleted_message, kept_fields


class OutlineEditing:
    """Mixed into MainWindow: uses ``session``, ``tree``, ``editor``, ``select_node``, ``selected_nodes``."""

    def add_node(self, as_child: bool) -> None:
        if self.session.report is None:
            return
        command = cmd.new_node_command(self.session, self.current_node(), as_child)
        self._push(command)
        self.tree.expandAll()
        self.select_node(command.node)
        heading = getattr(self.editor, "heading", None)
        if heading is not None:  # type at once: the new node's heading has the cursor
            heading.setFocus()

    def delete_nodes(self) -> None:
        if self.session.report is None:
            return
        nodes = cmd.top_most(self.session, self.selected_nodes())
        if nodes:
            message = deleted_message(self.session.model, nodes)
            self._push(cmd.delete_command(self.session, nodes))
            self.statusBar().showMessage(message, 15000)

    def _on_heading_edited(self, node: Node, heading: str) -> None:
        self.editor.flush()
        self._push(cmd.SetTextCommand(self.session, node, heading, node.body, kept_fields(node, heading)))

    def move_nodes(self, how: str) -> None:
        if self.session.report is None:
            return
        nodes = self.selected_nodes()
        self._push(cmd.move_command(self.session, nodes, how))
        self.tree.expandAll()
        if nodes:
            self.select_node(nodes[0])

    def _on_drop(self, nodes: list, parent: Node | None, row: int) -> None:
        self._push(cmd.drop_command(self.session, nodes, parent, row))
        self.tree.expandAll()

    def _context_menu(self, pos) -> None:
        menu = QMenu(self)
        menu.addActions(self.structure_actions[:3])
        menu.addSeparator()
        menu.addActions(self.structure_actions[3:])
        menu.exec(self.tree.viewport().mapToGlobal(pos))
