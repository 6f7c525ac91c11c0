"""`dyad eval`: score the pipeline against document gold or PLOVER-style sentence gold.

run_eval(gold_path, settings, min_f1, min_plover_macro_f1, min_quad_acc) -> (Report, ok)
evaluate_documents(results, gold) / evaluate_sentences(results, gold) -> Report
"""
