"""What people look at: pay curves and distributions (:mod:`~motivsim.reporting.plot`, with
matplotlib) and the one-page HTML report (:mod:`~motivsim.reporting.html`)."""
