"""gui/views/method"""
