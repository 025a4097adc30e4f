"""Controllers: own a window's flow (what happens on 下一步, 保存, closing) and no widgets."""
